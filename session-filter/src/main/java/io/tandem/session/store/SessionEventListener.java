package io.tandem.session.store;

/**
 * Hears the sessions of one cache start and end, each event once in the cluster (see
 * {@link SessionRepository#subscribe}). An id change is neither: the session goes on under its
 * new id. Called on the cache's event thread, one event at a time, in the order this member
 * applied them; a listener that blocks holds up the next events.
 */
public interface SessionEventListener {

  /** Session {@code id} was stored for the first time, with {@code state}. */
  default void created(String id, SessionState state) {}

  /** Session {@code id} was removed (invalidated, logged out); {@code state} was its last. */
  default void deleted(String id, SessionState state) {}

  /** Session {@code id} expired; {@code state} was its last. */
  default void expired(String id, SessionState state) {}
}
