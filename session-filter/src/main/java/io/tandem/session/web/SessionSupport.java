package io.tandem.session.web;

import io.tandem.session.store.SessionRepository;
import io.tandem.session.store.SessionState;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * What every request of one webapp shares: the repository, the id resolver, the listeners and
 * the session settings. Built once by the filter.
 */
public final class SessionSupport {

  private final ServletContext servletContext;
  private final SessionRepository repository;
  private final SessionIdResolver resolver;
  private final SessionListeners listeners;
  private final int maxInactiveSeconds;
  private final long absoluteTimeoutSeconds;
  private final boolean saveMutatedAttributes;

  /**
   * @param maxInactiveSeconds idle limit of new sessions; zero or negative: never expire
   * @param absoluteTimeoutSeconds lifetime of a session however active; zero or negative: none
   * @param saveMutatedAttributes whether attributes only read are compared at save and written
   *     when changed
   */
  public SessionSupport(ServletContext servletContext, SessionRepository repository,
      SessionIdResolver resolver, SessionListeners listeners, int maxInactiveSeconds,
      long absoluteTimeoutSeconds, boolean saveMutatedAttributes) {
    this.servletContext = servletContext;
    this.repository = Objects.requireNonNull(repository, "repository");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.listeners = Objects.requireNonNull(listeners, "listeners");
    this.maxInactiveSeconds = maxInactiveSeconds;
    this.absoluteTimeoutSeconds = absoluteTimeoutSeconds;
    this.saveMutatedAttributes = saveMutatedAttributes;
  }

  ServletContext servletContext() {
    return servletContext;
  }

  SessionRepository repository() {
    return repository;
  }

  SessionIdResolver resolver() {
    return resolver;
  }

  SessionListeners listeners() {
    return listeners;
  }

  boolean saveMutatedAttributes() {
    return saveMutatedAttributes;
  }

  /** The state of a session created now. */
  SessionState newState(long now) {
    long deadline = absoluteTimeoutSeconds > 0
        ? now + absoluteTimeoutSeconds * 1000L : Long.MAX_VALUE;
    return SessionState.create(now, maxInactiveSeconds, deadline);
  }

  /**
   * Tells the listeners of this webapp that a session expired: destroyed, then each attribute
   * unbound, on a view of the session's last state. Runs with the webapp's class loader as the
   * thread's context class loader, as container callbacks do.
   */
  public void expired(SessionRepository.ExpiredSession expired) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader webapp = servletContext != null ? servletContext.getClassLoader() : null;
    if (webapp != null) {
      thread.setContextClassLoader(webapp);
    }
    try {
      TandemHttpSession view = TandemHttpSession.expired(this, expired.id(), expired.state());
      listeners.destroyed(view);
      TandemHttpSession.unbindAll(view);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
