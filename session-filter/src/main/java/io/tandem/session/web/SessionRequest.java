package io.tandem.session.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/** The request as the application sees it: every session call goes to Tandem. */
final class SessionRequest extends HttpServletRequestWrapper {

  private final RequestSessions sessions;

  SessionRequest(HttpServletRequest request, RequestSessions sessions) {
    super(request);
    this.sessions = sessions;
  }

  @Override
  public HttpSession getSession(boolean create) {
    return sessions.getSession(create);
  }

  @Override
  public HttpSession getSession() {
    return sessions.getSession(true);
  }

  @Override
  public String changeSessionId() {
    return sessions.changeSessionId();
  }

  @Override
  public String getRequestedSessionId() {
    return sessions.requestedSessionId();
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return sessions.isRequestedSessionIdValid();
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return sessions.isRequestedSessionIdFromCookie();
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false; // ids never travel in URLs (OWASP)
  }
}
