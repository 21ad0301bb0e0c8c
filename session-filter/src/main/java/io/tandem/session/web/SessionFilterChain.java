package io.tandem.session.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter's work for one request: wrap, run the chain, save. Separate from the
 * {@code Filter} class so that the filter itself only reads its settings.
 */
public final class SessionFilterChain {

  private SessionFilterChain() {}

  /**
   * Runs {@code chain} with a request whose sessions are Tandem's and a response that saves the
   * session before it commits; saves again when the chain returns.
   */
  public static void run(SessionSupport support, HttpServletRequest request,
      HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
    Object existing = request.getAttribute(RequestSessions.ATTRIBUTE);
    if (existing instanceof RequestSessions sessions) {
      // a forward, include or error dispatch of a request we already wrapped: same session
      try {
        chain.doFilter(new SessionRequest(request, sessions), response);
      } finally {
        DispatcherType type = request.getDispatcherType();
        if (type == DispatcherType.ERROR || type == DispatcherType.ASYNC) {
          sessions.save(); // the outer save has already run
        }
      }
      return;
    }
    RequestSessions sessions = new RequestSessions(support, request, response);
    request.setAttribute(RequestSessions.ATTRIBUTE, sessions);
    CommitGuardResponse guarded = new CommitGuardResponse(response, sessions::save);
    Throwable failure = null;
    try {
      chain.doFilter(new SessionRequest(request, sessions), guarded);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      try {
        sessions.save();
      } catch (RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }
}
