package io.tandem.session.web;

import io.tandem.session.store.SessionDelta;
import io.tandem.session.store.SessionRepository;
import io.tandem.session.store.SessionState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * The session side of one request: the id the client presented, the session in use, and saving
 * it. Kept in a request attribute so that forwards, includes and error dispatches of the same
 * request see the same session.
 */
final class RequestSessions {

  static final String ATTRIBUTE = RequestSessions.class.getName();

  private static final System.Logger LOG = System.getLogger(RequestSessions.class.getName());

  private final SessionSupport support;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final long startedAt;

  private boolean resolved;
  private String presentedId;
  private String requestedId;
  private SessionState requestedState;
  private boolean requestedInvalidated;
  private TandemHttpSession current;
  private String idSent;
  private boolean expireId;

  /** @param response the container's response: cookies go there, not through the wrapper */
  RequestSessions(SessionSupport support, HttpServletRequest request,
      HttpServletResponse response) {
    this.support = support;
    this.request = request;
    this.response = response;
    this.startedAt = support.repository().now();
  }

  // ------------------------------------------------------------------ requested id

  private void resolve() {
    if (resolved) {
      return;
    }
    resolved = true;
    List<String> candidates = support.resolver().resolve(request);
    SessionRepository repository = support.repository();
    for (String candidate : candidates) {
      SessionState state = repository.find(candidate); // null for malformed, unknown, expired
      if (state != null) {
        requestedId = candidate;
        requestedState = state;
        presentedId = candidate;
        return;
      }
      if (presentedId == null && repository.isWellFormed(candidate)) {
        presentedId = candidate;
      }
    }
  }

  synchronized String requestedSessionId() {
    resolve();
    return presentedId;
  }

  synchronized boolean isRequestedSessionIdValid() {
    resolve();
    if (requestedId == null) {
      return false;
    }
    if (current != null) {
      return current.isValid() && requestedId.equals(current.getId());
    }
    return !requestedInvalidated;
  }

  synchronized boolean isRequestedSessionIdFromCookie() {
    return requestedSessionId() != null && support.resolver().usesCookies();
  }

  // ------------------------------------------------------------------ the session

  synchronized TandemHttpSession getSession(boolean create) {
    if (current != null && current.isValid()) {
      return current;
    }
    resolve();
    if (current == null && requestedState != null && !requestedInvalidated) {
      current = TandemHttpSession.loaded(support, requestedId, requestedState);
      current.owner(this);
      return current;
    }
    if (!create) {
      return null;
    }
    if (response.isCommitted()) {
      throw new IllegalStateException("Cannot create a session after the response has been"
          + " committed: its id could not reach the client");
    }
    long now = support.repository().now();
    TandemHttpSession created =
        TandemHttpSession.created(support, support.repository().newId(), support.newState(now));
    created.owner(this);
    current = created;
    support.listeners().created(created);
    return created;
  }

  synchronized void invalidated(TandemHttpSession session) {
    if (session != current) {
      return;
    }
    current = null;
    if (session.getId().equals(requestedId)) {
      requestedInvalidated = true;
    }
    if (session.getId().equals(requestedId) || session.getId().equals(idSent)) {
      expireId = true;
    }
  }

  String changeSessionId() {
    TandemHttpSession session = getSession(false);
    if (session == null) {
      throw new IllegalStateException("changeSessionId: the request has no session");
    }
    String oldId = session.getId();
    String newId;
    if (session.isUnsaved()) {
      newId = support.repository().newId();
    } else {
      // what this request changed so far goes with the session, in the move's first write
      newId = support.repository().changeId(oldId, session.takeDelta(startedAt));
      if (newId == null) {
        throw new IllegalStateException("changeSessionId: the session expired or was"
            + " invalidated meanwhile");
      }
    }
    session.changeId(newId);
    support.listeners().idChanged(session, oldId);
    return newId;
  }

  // ------------------------------------------------------------------ saving

  /**
   * Writes what changed since the last save and hands out the id if the client does not have it
   * yet. Called before the response commits and when the filter chain returns; each call writes
   * only what changed since the previous one.
   */
  void save() {
    TandemHttpSession session;
    synchronized (this) {
      session = current;
    }
    if (session != null && session.isValid()) {
      save(session);
      String id = session.getId();
      synchronized (this) {
        if (!id.equals(presentedId) && !id.equals(idSent) && !response.isCommitted()) {
          support.resolver().write(request, response, id);
          idSent = id;
          expireId = false;
        }
      }
    } else {
      synchronized (this) {
        if (expireId && !response.isCommitted()) {
          support.resolver().expire(request, response);
          expireId = false;
        }
      }
    }
  }

  private void save(TandemHttpSession session) {
    SessionDelta delta = session.takeDelta(startedAt);
    if (delta == null) {
      return;
    }
    SessionDelta.Outcome outcome = support.repository().save(session.getId(), delta);
    if (outcome == SessionDelta.Outcome.COLLISION) {
      // 128 random bits: never seen in practice; refuse rather than share another's session
      throw new IllegalStateException("A new session id collided with a stored one");
    }
    if (outcome == SessionDelta.Outcome.MISSING) {
      LOG.log(System.Logger.Level.DEBUG, "A session expired or was invalidated while a request"
          + " used it; its changes were dropped");
    }
  }
}
