package io.tandem.session.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
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
        resp.sendRedirect(req.getParameter("to"));
        resp.flushBuffer(); // the client has the redirect now, before this request ends
        // hold the request open until the redirected request has read the value (bounded)
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
}
