package io.tandem.session.store;

import io.tandem.jcache.TandemCache;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * What one request changed in one session, applied atomically to the session's entry where the
 * entry lives: attributes set (already serialized) and removed, the access time, the idle limit.
 * Attributes it does not name are left as they are, so two requests that change different
 * attributes of one session at the same time both keep their change.
 *
 * <p>Each application also renews the entry's time-to-live from the resulting state, which is
 * how a session's idle limit becomes the cache's per-entry expiry. A delta that finds no entry
 * does nothing (the session expired or was invalidated meanwhile, and must not come back) unless
 * it carries the state of a session being created.
 *
 * <p>Plain data with JDK types inside, so it can travel to another member as it is. JCache requires
 * entry processors to be {@link Serializable}, and a replicated cache sends them to the entry's
 * primary with Java serialization (filtered by the same class allowlist): so this class and the
 * {@link SessionState} it may carry are Serializable.
 */
public final class SessionDelta
    implements EntryProcessor<String, SessionState, SessionDelta.Outcome>, Serializable {

  private static final long serialVersionUID = 1L;

  /** {@link #maxInactiveSeconds()} when the request did not change the idle limit. */
  public static final int UNCHANGED = Integer.MIN_VALUE;

  /** What applying a delta did. */
  public enum Outcome {
    /** A new session's entry was created. */
    CREATED,
    /** The existing entry was updated. */
    UPDATED,
    /** There was no entry (expired, invalidated, or renamed meanwhile); nothing was written. */
    MISSING,
    /** A new session's id was already taken; nothing was written. */
    COLLISION
  }

  private final SessionState created;
  private final HashMap<String, byte[]> setAttributes;
  private final HashSet<String> removedAttributes;
  private final HashSet<String> notifyOnUnbind;
  private final long accessedAt;
  private final int maxInactiveSeconds;
  private final String movedTo;

  /**
   * @param created the new session's initial state, or null to update an existing session only
   * @param setAttributes attribute name to serialized value
   * @param removedAttributes names removed (a name both set and removed is set)
   * @param notifyOnUnbind names among {@code setAttributes} whose value wants unbind callbacks
   * @param accessedAt epoch milliseconds of the request; also the base of the new time-to-live
   * @param maxInactiveSeconds the new idle limit, or {@link #UNCHANGED}
   */
  public SessionDelta(SessionState created, Map<String, byte[]> setAttributes,
      Set<String> removedAttributes, Set<String> notifyOnUnbind, long accessedAt,
      int maxInactiveSeconds) {
    this.created = created;
    this.setAttributes = new HashMap<>(setAttributes);
    this.removedAttributes = new HashSet<>(removedAttributes);
    this.removedAttributes.removeAll(setAttributes.keySet());
    this.notifyOnUnbind = new HashSet<>(notifyOnUnbind);
    this.accessedAt = accessedAt;
    this.maxInactiveSeconds = maxInactiveSeconds;
    this.movedTo = null;
  }

  private SessionDelta(SessionDelta changes, String movedTo) {
    this.created = changes.created;
    this.setAttributes = changes.setAttributes;
    this.removedAttributes = changes.removedAttributes;
    this.notifyOnUnbind = changes.notifyOnUnbind;
    this.accessedAt = changes.accessedAt;
    this.maxInactiveSeconds = changes.maxInactiveSeconds;
    this.movedTo = movedTo;
  }

  /** A delta that changes nothing but the access time, to {@code accessedAt}. */
  public static SessionDelta access(long accessedAt) {
    return new SessionDelta(null, Map.of(), Set.of(), Set.of(), accessedAt, UNCHANGED);
  }

  /**
   * This delta, also marking the session as moved to {@code newId}
   * ({@link SessionState#movedTo()}): the first write of an id change, see
   * {@link SessionRepository#move}.
   */
  SessionDelta movingTo(String newId) {
    return new SessionDelta(this, newId);
  }

  Map<String, byte[]> setAttributes() {
    return setAttributes;
  }

  Set<String> removedAttributes() {
    return removedAttributes;
  }

  Set<String> notifyOnUnbind() {
    return notifyOnUnbind;
  }

  long accessedAt() {
    return accessedAt;
  }

  int maxInactiveSeconds() {
    return maxInactiveSeconds;
  }

  String movedTo() {
    return movedTo;
  }

  /** Whether this delta changes anything but the access time. */
  public boolean changesContent() {
    return created != null || !setAttributes.isEmpty() || !removedAttributes.isEmpty()
        || maxInactiveSeconds != UNCHANGED || movedTo != null;
  }

  @Override
  public Outcome process(MutableEntry<String, SessionState> entry, Object... arguments) {
    SessionState current = entry.exists() ? entry.getValue() : null;
    Outcome outcome;
    if (current == null) {
      if (created == null) {
        return Outcome.MISSING;
      }
      current = created;
      outcome = Outcome.CREATED;
    } else if (created != null) {
      return Outcome.COLLISION;
    } else {
      outcome = Outcome.UPDATED;
    }
    SessionState next = current.with(this);
    entry.setValue(next);
    @SuppressWarnings("unchecked")
    TandemCache.MutableEntry<String, SessionState> tandem =
        entry.unwrap(TandemCache.MutableEntry.class);
    tandem.setTimeToLive(timeToLive(next, accessedAt));
    return outcome;
  }

  /**
   * How long the entry may live after a write at {@code now}: until the state's expiry. A state
   * already past it gets one millisecond, so that it goes through the cache's expiry (and its
   * single EXPIRED event) like every other expired session.
   */
  static Duration timeToLive(SessionState state, long now) {
    return Duration.ofMillis(Math.max(1, state.expiresAt() - now));
  }

  @Override
  public String toString() {
    return "SessionDelta{created=" + (created != null) + ", set=" + setAttributes.keySet()
        + ", removed=" + removedAttributes + ", accessedAt=" + accessedAt
        + ", maxInactive=" + (maxInactiveSeconds == UNCHANGED ? "unchanged" : maxInactiveSeconds)
        + (movedTo != null ? ", moving" : "") + "}";
  }
}
