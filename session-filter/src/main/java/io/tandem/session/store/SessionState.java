package io.tandem.session.store;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One session as the cache keeps it, under its id: times, limits and each attribute's value in
 * serialized form.
 *
 * <p>Immutable: a change makes a new state that shares the unchanged attributes' bytes, so
 * updating the last-access time never re-serializes an attribute. A class rather than a record,
 * and with plain {@code HashMap}/{@code HashSet} fields, so that the codec copies it field by field
 * with nothing but JDK default classes inside: a by-value or clustered cache needs nothing
 * allowed ({@link SessionTrustedClasses} lists this class). Serializable too, because a {@link SessionDelta}
 * creating a session carries one, and entry processors cross the wire with Java serialization.
 */
public final class SessionState implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Idle limit used for sessions that never expire: the cache wants a finite time-to-live. */
  static final long NEVER_MILLIS = 100L * 365 * 24 * 3600 * 1000;

  private final long creationTime;
  private final long lastAccessedTime;
  private final int maxInactiveSeconds;
  private final long absoluteDeadline;
  private final HashMap<String, byte[]> attributes;
  private final HashSet<String> notifyOnUnbind;
  private final String movedTo;

  /** Takes ownership of the collections: callers pass fresh ones. */
  SessionState(long creationTime, long lastAccessedTime, int maxInactiveSeconds,
      long absoluteDeadline, HashMap<String, byte[]> attributes, HashSet<String> notifyOnUnbind,
      String movedTo) {
    this.creationTime = creationTime;
    this.lastAccessedTime = lastAccessedTime;
    this.maxInactiveSeconds = maxInactiveSeconds;
    this.absoluteDeadline = absoluteDeadline;
    this.attributes = attributes;
    this.notifyOnUnbind = notifyOnUnbind;
    this.movedTo = movedTo;
  }

  /**
   * A fresh session without attributes.
   *
   * @param now epoch milliseconds, its creation and last-access time
   * @param maxInactiveSeconds idle time after which it expires; zero or negative: never
   * @param absoluteDeadline epoch milliseconds after which it is over however active it is, or
   *     {@link Long#MAX_VALUE} for none
   */
  public static SessionState create(long now, int maxInactiveSeconds, long absoluteDeadline) {
    return new SessionState(now, now, maxInactiveSeconds, absoluteDeadline, new HashMap<>(),
        new HashSet<>(), null);
  }

  /** When the session was created, epoch milliseconds. */
  public long creationTime() {
    return creationTime;
  }

  /** When a request last used the session, epoch milliseconds. */
  public long lastAccessedTime() {
    return lastAccessedTime;
  }

  /** Idle seconds after which the session expires; zero or negative: never. */
  public int maxInactiveSeconds() {
    return maxInactiveSeconds;
  }

  /** Epoch milliseconds after which the session is over, or {@link Long#MAX_VALUE}. */
  public long absoluteDeadline() {
    return absoluteDeadline;
  }

  /** Attribute names to serialized values; read-only. */
  public Map<String, byte[]> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  /** The serialized value of attribute {@code name}, or null. */
  public byte[] attribute(String name) {
    return attributes.get(name);
  }

  /**
   * Names of attributes whose value asked to hear when it is unbound (a binding listener, in
   * servlet terms); the store only keeps the mark, so expiry need not deserialize the others.
   */
  public Set<String> notifyOnUnbind() {
    return Collections.unmodifiableSet(notifyOnUnbind);
  }

  /**
   * The id this session last moved to by an id change, or null if it never changed id. Set on
   * the old entry just before it is removed and on the new one (so there it is the entry's own
   * id): how the cache's listeners tell an id change, which removes one entry and creates
   * another, from a session that ends and one that starts ({@link SessionEvents}).
   */
  public String movedTo() {
    return movedTo;
  }

  /** Whether this state, found under {@code id}, is what remains of a move to another id. */
  boolean movedAwayFrom(String id) {
    return movedTo != null && !movedTo.equals(id);
  }

  /** This state marked as moved to {@code id}. */
  SessionState movedTo(String id) {
    return new SessionState(creationTime, lastAccessedTime, maxInactiveSeconds, absoluteDeadline,
        attributes, notifyOnUnbind, id);
  }

  /**
   * The moment, in epoch milliseconds, after which this session is expired if nobody uses it: the
   * idle limit from the last access, capped by the absolute deadline.
   */
  public long expiresAt() {
    long idle = maxInactiveSeconds > 0
        ? lastAccessedTime + maxInactiveSeconds * 1000L
        : lastAccessedTime + NEVER_MILLIS;
    return Math.min(idle, absoluteDeadline);
  }

  /** Whether the session is over at {@code now}. */
  public boolean isExpired(long now) {
    return now >= expiresAt();
  }

  /** This state with {@code delta} applied; attributes it does not name keep their bytes. */
  SessionState with(SessionDelta delta) {
    HashMap<String, byte[]> attrs = attributes;
    HashSet<String> notify = notifyOnUnbind;
    if (!delta.setAttributes().isEmpty() || !delta.removedAttributes().isEmpty()) {
      attrs = new HashMap<>(attributes);
      notify = new HashSet<>(notifyOnUnbind);
      for (String name : delta.removedAttributes()) {
        attrs.remove(name);
        notify.remove(name);
      }
      for (Map.Entry<String, byte[]> e : delta.setAttributes().entrySet()) {
        attrs.put(e.getKey(), e.getValue());
        if (delta.notifyOnUnbind().contains(e.getKey())) {
          notify.add(e.getKey());
        } else {
          notify.remove(e.getKey());
        }
      }
    }
    long accessed = Math.max(lastAccessedTime, delta.accessedAt());
    int maxInactive = delta.maxInactiveSeconds() == SessionDelta.UNCHANGED
        ? maxInactiveSeconds : delta.maxInactiveSeconds();
    String moved = delta.movedTo() != null ? delta.movedTo() : movedTo;
    return new SessionState(creationTime, accessed, maxInactive, absoluteDeadline, attrs, notify,
        moved);
  }

  @Override
  public String toString() {
    // never the values: they may be secrets
    return "SessionState{created=" + creationTime + ", accessed=" + lastAccessedTime
        + ", maxInactive=" + maxInactiveSeconds + "s, attributes=" + attributes.keySet() + "}";
  }
}
