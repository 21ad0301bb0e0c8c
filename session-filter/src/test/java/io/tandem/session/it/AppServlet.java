package io.tandem.session.it;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** The test webapp: one operation per path, answers in plain text. */
public final class AppServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
  /** What the target of a redirect answered to a request made before the redirect returned. */
  static final Map<String, String> PROBES = new ConcurrentHashMap<>();
  private static final HttpClient PROBE_CLIENT = HttpClient.newHttpClient();

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String op = req.getPathInfo() == null ? "/" : req.getPathInfo();
    String name = req.getParameter("name");
    String value = req.getParameter("value");
    resp.setContentType("text/plain;charset=UTF-8");
    String out;
    try {
      out = run(op, name, value, req, resp);
    } catch (Exception e) {
      out = "error " + e;
    }
    if (out != null) {
      resp.getWriter().print(out);
    }
  }

  @SuppressWarnings("unchecked")
  private String run(String op, String name, String value, HttpServletRequest req,
      HttpServletResponse resp) throws Exception {
    HttpSession s;
    switch (op) {
      case "/create":
        s = req.getSession();
        return s.getId() + " new=" + s.isNew();
      case "/set":
        req.getSession().setAttribute(name, value);
        return "ok";
      case "/get":
        String release = req.getParameter("release");
        s = req.getSession(false);
        String got = s == null ? "no-session" : String.valueOf(s.getAttribute(name));
        if (release != null) {
          LATCHES.computeIfAbsent(release, k -> new CountDownLatch(1)).countDown();
        }
        return got;
      case "/remove":
        req.getSession().removeAttribute(name);
        return "ok";
      case "/names":
        s = req.getSession(false);
        if (s == null) {
          return "no-session";
        }
        List<String> names = Collections.list(s.getAttributeNames());
        Collections.sort(names);
        return String.join(",", names);
      case "/info":
        s = req.getSession(false);
        return "requested=" + req.getRequestedSessionId()
            + " valid=" + req.isRequestedSessionIdValid()
            + " cookie=" + req.isRequestedSessionIdFromCookie()
            + " url=" + req.isRequestedSessionIdFromURL()
            + " session=" + (s == null ? "none" : s.getId() + " new=" + s.isNew());
      case "/append":
        s = req.getSession();
        List<String> list = (List<String>) s.getAttribute(name);
        if (list == null) {
          list = new ArrayList<>();
          s.setAttribute(name, list);
        }
        list.add(value); // in place: no setAttribute afterwards
        return "ok";
      case "/change-id":
        s = req.getSession(false);
        String old = s.getId();
        String fresh = req.changeSessionId();
        return old + " " + fresh + " " + s.getId();
      case "/invalidate":
        s = req.getSession(false);
        s.invalidate();
        try {
          s.getAttribute("x");
          return "no-exception";
        } catch (IllegalStateException e) {
          return "invalidated";
        }
      case "/max-inactive":
        s = req.getSession();
        s.setMaxInactiveInterval(Integer.parseInt(req.getParameter("seconds")));
        return "ok";
      case "/bind":
        req.getSession().setAttribute(name, new CountingBinding(value));
        return "ok";
      case "/unstorable":
        try {
          req.getSession().setAttribute("bad", new NotAllowedValue());
          return "stored";
        } catch (IllegalArgumentException e) {
          return "IAE " + e.getMessage();
        }
      case "/concurrent":
        s = req.getSession(false);
        s.getAttribute("x"); // both requests have read the session before either saves
        BARRIERS.computeIfAbsent(req.getParameter("key"), k -> new CyclicBarrier(2))
            .await(10, TimeUnit.SECONDS);
        s.setAttribute(name, value);
        return "ok";
      case "/redirect":
        req.getSession().setAttribute(name, value);
        String to = req.getParameter("to");
        String variant = req.getParameter("variant");
        if (variant == null) {
          resp.sendRedirect(to);
        } else {
          switch (variant) { // Servlet 6.1's overloads, called as a 6.1 webapp would
            case "status" -> servlet61(resp, "sendRedirect",
                new Class<?>[] {String.class, int.class}, to, 303);
            case "keep-buffer" -> servlet61(resp, "sendRedirect",
                new Class<?>[] {String.class, boolean.class}, to, false);
            case "status-clear" -> servlet61(resp, "sendRedirect",
                new Class<?>[] {String.class, int.class, boolean.class}, to, 307, true);
            default -> throw new IllegalArgumentException(variant);
          }
        }
        // A client may follow the redirect as soon as it is sent (Jetty may send it before the
        // request ends; Tomcat sends it when the request ends): the target must already see the
        // change. Checked here, while
        // this request still runs, by a request of our own to the target with the session's
        // cookie; the test reads what it saw.
        HttpRequest probe = HttpRequest.newBuilder(URI.create(to))
            .header("Cookie", "TSESSION=" + req.getSession().getId())
            .timeout(Duration.ofSeconds(10)).build();
        PROBES.put(req.getParameter("key"),
            PROBE_CLIENT.send(probe, HttpResponse.BodyHandlers.ofString()).body());
        return null;
      case "/byte-buffer":
        // Servlet 6.1's ServletOutputStream.write(ByteBuffer), a body larger than the buffer:
        // the response commits during the write
        req.getSession().setAttribute(name, value);
        byte[] body = new byte[resp.getBufferSize() * 2 + 1];
        Arrays.fill(body, (byte) 'x');
        ServletOutputStream out = resp.getOutputStream();
        try {
          servlet61(out, "write", new Class<?>[] {ByteBuffer.class}, ByteBuffer.wrap(body));
        } catch (Exception e) {
          out.print("error " + e);
          return null;
        }
        out.flush();
        LATCHES.computeIfAbsent(req.getParameter("key"), k -> new CountDownLatch(1))
            .await(10, TimeUnit.SECONDS);
        return null;
      case "/server":
        return getServletContext().getServerInfo() + " servlet "
            + getServletContext().getMajorVersion() + "." + getServletContext().getMinorVersion();
      case "/times":
        s = req.getSession(false);
        return s.getCreationTime() + " " + s.getLastAccessedTime() + " "
            + s.getMaxInactiveInterval();
      default:
        resp.sendError(404);
        return null;
    }
  }

  /**
   * What the redirect of {@code key} saw at its target. Waits for it: a client may have followed
   * the redirect before the redirecting request finished (Jetty may send it early).
   */
  static String probe(String key) throws InterruptedException {
    Await.until("the redirect's probe " + key, () -> PROBES.containsKey(key));
    return PROBES.remove(key);
  }

  /** Calls a Servlet 6.1 method (this webapp is compiled against 6.0), unwrapping its failure. */
  private static void servlet61(Object target, String method, Class<?>[] types, Object... args)
      throws Exception {
    Class<?> api = target instanceof ServletOutputStream ? ServletOutputStream.class
        : HttpServletResponse.class;
    try {
      api.getMethod(method, types).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
