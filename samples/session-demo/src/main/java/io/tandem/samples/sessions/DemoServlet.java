package io.tandem.samples.sessions;

import io.tandem.jcache.TandemCache;
import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.cluster.ClusterMXBean;
import io.tandem.jcache.cluster.ClusterManagement;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The demo's page. {@code GET /} counts a visit in the session and shows which node answered,
 * the session's contents, the cluster's members and this member's cache statistics (both read
 * through JMX, as an operator's console would). Forms add to the cart, end the session, or stop
 * this node. {@code GET /tour?stops=N} counts a visit and redirects to the next running node,
 * N times, so one browser session crosses the cluster; {@code GET /session.txt} is the same
 * page as plain text for curl.
 */
final class DemoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int TRAIL = 12;

  private final transient DemoNode node;

  DemoServlet(DemoNode node) {
    this.node = node;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    switch (req.getServletPath()) {
      case "/" -> {
        visit(req.getSession());
        page(req, resp);
      }
      case "/tour" -> tour(req, resp);
      case "/session.txt" -> text(req, resp);
      case "/favicon.ico" -> resp.sendError(404);
      default -> resp.sendError(404, "No such page: try /");
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    switch (req.getServletPath()) {
      case "/cart" -> {
        String item = req.getParameter("item");
        if (item != null && !item.isBlank()) {
          HttpSession session = req.getSession();
          @SuppressWarnings("unchecked")
          List<String> cart = (List<String>) session.getAttribute("cart");
          if (cart == null) {
            cart = new ArrayList<>();
            session.setAttribute("cart", cart);
          }
          // changed in place, without setAttribute: the filter still saves it
          cart.add(item.strip().length() > 40 ? item.strip().substring(0, 40) : item.strip());
        }
        resp.sendRedirect("/");
      }
      case "/reset" -> {
        HttpSession session = req.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        resp.sendRedirect("/");
      }
      case "/stop" -> stop(resp);
      default -> resp.sendError(404);
    }
  }

  /** Counts a visit: reads the counter and the trail, writes both back. */
  private void visit(HttpSession session) {
    Integer visits = (Integer) session.getAttribute("visits");
    session.setAttribute("visits", visits == null ? 1 : visits + 1);
    @SuppressWarnings("unchecked")
    List<String> trail = (List<String>) session.getAttribute("trail");
    List<String> next = new ArrayList<>(trail == null ? List.of() : trail);
    next.add(node.name());
    if (next.size() > TRAIL) {
      next = new ArrayList<>(next.subList(next.size() - TRAIL, next.size()));
    }
    session.setAttribute("trail", next);
  }

  private void tour(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int stops;
    try {
      stops = Math.max(1, Math.min(10, Integer.parseInt(req.getParameter("stops"))));
    } catch (NumberFormatException e) {
      stops = 1;
    }
    visit(req.getSession());
    DemoNode next = node.cluster().nextRunning(node);
    if (stops > 1 && next != null && next != node) {
      resp.sendRedirect(next.url().resolve("tour?stops=" + (stops - 1)).toString());
    } else {
      page(req, resp);
    }
  }

  private void stop(HttpServletResponse resp) throws IOException {
    resp.setContentType("text/html;charset=UTF-8");
    PrintWriter out = resp.getWriter();
    out.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + node.name()
        + " stopping</title></head><body><p id=\"stopping\">" + node.name()
        + " is stopping: its Tomcat and its cluster member. Continue on ");
    for (DemoNode other : node.cluster().nodes()) {
      if (other != node && other.isRunning()) {
        out.println("<a href=\"" + other.url() + "\">" + other.name() + "</a> ");
      }
    }
    out.println("</p></body></html>");
    resp.flushBuffer();
    Thread stopper = new Thread(node::stop, "stop-" + node.name());
    stopper.setDaemon(false);
    stopper.start();
  }

  private void page(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    HttpSession session = req.getSession();
    resp.setContentType("text/html;charset=UTF-8");
    resp.setHeader("Cache-Control", "no-store");
    PrintWriter out = resp.getWriter();
    out.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tandem sessions: "
        + node.name() + "</title><style>"
        + "body{font-family:sans-serif;margin:2em;max-width:60em}"
        + "h1 span{color:#0a5}table{border-collapse:collapse;margin:.5em 0}"
        + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
        + "form{display:inline-block;margin-right:1em}.me{font-weight:bold}"
        + "nav a{margin-right:1em}</style></head><body>");
    out.println("<h1>Served by <span id=\"node\">" + node.name() + "</span></h1>");
    out.println("<p>http://127.0.0.1:<span id=\"port\">" + node.httpPort()
        + "</span>, session <code id=\"session\">" + shortId(session.getId())
        + "</code>&hellip; (new: <span id=\"new\">" + session.isNew() + "</span>)</p>");
    out.println("<nav>Other nodes: ");
    for (DemoNode other : node.cluster().nodes()) {
      if (other != node) {
        out.println("<a href=\"" + other.url() + "\">" + other.name()
            + (other.isRunning() ? "" : " (stopped)") + "</a>");
      }
    }
    out.println("<a id=\"tour\" href=\"/tour?stops=" + node.cluster().nodes().size()
        + "\">Tour every node</a></nav>");

    out.println("<h2>This session</h2><table>");
    out.println("<tr><th>visits</th><td id=\"visits\">" + session.getAttribute("visits")
        + "</td></tr>");
    out.println("<tr><th>trail</th><td id=\"trail\">"
        + escape(String.join(" → ", list(session.getAttribute("trail")))) + "</td></tr>");
    out.println("<tr><th>cart</th><td><ul id=\"cart\">");
    for (String item : list(session.getAttribute("cart"))) {
      out.println("<li>" + escape(item) + "</li>");
    }
    out.println("</ul></td></tr></table>");
    out.println("<form method=\"post\" action=\"/cart\"><input name=\"item\" maxlength=\"40\""
        + " placeholder=\"an item\" required> <button>Add to cart</button></form>");
    out.println("<form method=\"post\" action=\"/reset\"><button>End session</button></form>");
    out.println("<form method=\"post\" action=\"/stop\"><button id=\"stop\">Stop "
        + node.name() + "</button></form>");

    TandemCacheManager manager = node.manager();
    out.println("<h2>Cluster</h2>");
    if (manager == null) {
      out.println("<p>stopping</p>");
    } else {
      ClusterMXBean cluster = JMX.newMXBeanProxy(server(),
          ClusterManagement.objectName(manager.getURI().toString()), ClusterMXBean.class);
      out.println("<p>Cluster <code>" + escape(cluster.getClusterName()) + "</code>, view "
          + escape(cluster.getViewId()) + ", <span id=\"member-count\">"
          + cluster.getMemberCount() + "</span> members, stable: " + cluster.isStable()
          + ", state transfer " + cluster.getStateTransferPercent() + "%, primary of "
          + cluster.getPrimarySegments() + "/" + cluster.getSegmentCount()
          + " segments</p><ol id=\"members\">");
      String me = cluster.getLocalAddress();
      for (String member : cluster.getMembers()) {
        out.println("<li" + (member.equals(me) ? " class=\"me\"" : "") + ">" + escape(member)
            + (member.equals(me) ? " (this node)" : "")
            + (member.equals(cluster.getCoordinator()) ? " (coordinator)" : "") + "</li>");
      }
      out.println("</ol>");
      CacheStatisticsMXBean stats = JMX.newMXBeanProxy(server(),
          statisticsName(manager.getURI().toString()), CacheStatisticsMXBean.class);
      long entries = manager.getCache(DemoNode.CACHE).unwrap(TandemCache.class).size();
      out.println("<h2>Cache <code>" + DemoNode.CACHE + "</code> on " + node.name()
          + "</h2><table id=\"statistics\">"
          + row("sessions held here", entries)
          + row("gets", stats.getCacheGets()) + row("hits", stats.getCacheHits())
          + row("misses", stats.getCacheMisses())
          + row("hit %", String.format("%.1f", stats.getCacheHitPercentage()))
          + row("puts (session saves)", stats.getCachePuts())
          + row("removals", stats.getCacheRemovals())
          + row("average get µs", String.format("%.1f", stats.getAverageGetTime()))
          + row("average put µs", String.format("%.1f", stats.getAveragePutTime()))
          + "</table><p><small>Statistics are this member's (JMX "
          + "<code>javax.cache:type=CacheStatistics</code>): an operation counts on the node "
          + "where it was called.</small></p>");
    }
    out.println("</body></html>");
  }

  private void text(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    HttpSession session = req.getSession(false);
    resp.setContentType("text/plain;charset=UTF-8");
    PrintWriter out = resp.getWriter();
    out.println("node: " + node.name());
    if (session == null) {
      out.println("session: none");
      return;
    }
    out.println("session: " + shortId(session.getId()) + "...");
    out.println("visits: " + session.getAttribute("visits"));
    out.println("trail: " + String.join(" -> ", list(session.getAttribute("trail"))));
    out.println("cart: " + list(session.getAttribute("cart")));
    TandemCacheManager manager = node.manager();
    if (manager != null) {
      out.println("members: " + manager.getCluster().orElseThrow().view().getMembers());
    }
  }

  private static String row(String name, Object value) {
    return "<tr><th>" + name + "</th><td>" + value + "</td></tr>";
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Object value) {
    return value instanceof List<?> l ? (List<String>) l : List.of();
  }

  /** A prefix: enough to tell sessions apart on screen, not enough to hijack one. */
  private static String shortId(String id) {
    return id.substring(0, 6);
  }

  private static MBeanServer server() {
    return ManagementFactory.getPlatformMBeanServer();
  }

  /** The JCache statistics MXBean of the session cache of the manager {@code uri}. */
  private static ObjectName statisticsName(String uri) {
    try {
      ObjectName pattern = new ObjectName("javax.cache:type=CacheStatistics,Cache="
          + DemoNode.CACHE + ",*");
      String wanted = uri.replaceAll("[,:=\n]", ".");
      Set<ObjectName> names = server().queryNames(pattern, null);
      return names.stream().filter(n -> wanted.equals(n.getKeyProperty("CacheManager")))
          .findFirst().orElseThrow(() -> new IllegalStateException(
              "No statistics MXBean for " + uri + " among " + names));
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
