package io.tandem.session.store;

import io.tandem.jcache.TandemCache;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.cache.Cache;

/**
 * Sessions in a JCache: one entry per session, id to {@link SessionState}. Knows nothing of
 * servlets; the filter turns requests into calls here.
 *
 * <p>Reads are plain {@code get}s. Every write is a {@link SessionDelta} run by {@code invoke} on
 * the session's entry, so it is atomic where the entry lives and carries only what changed.
 * Expiry is the cache's: each write sets the entry's time-to-live from the session's idle limit.
 */
public final class SessionRepository {

  private final Cache<String, SessionState> cache;
  private final TandemCache<String, SessionState> tandem;
  private final AttributeCodec codec;
  private final SessionIds ids;
  private final LongSupplier clock;

  /**
   * @param cache a Tandem cache; local or clustered, the repository does not care
   * @param codec serializes attribute values (use the cache manager's codec)
   * @param ids makes and checks session ids
   * @param clock epoch milliseconds
   * @throws IllegalArgumentException if {@code cache} is not a Tandem cache (per-entry
   *     time-to-live is needed)
   */
  public SessionRepository(Cache<String, SessionState> cache, AttributeCodec codec,
      SessionIds ids, LongSupplier clock) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      @SuppressWarnings("unchecked")
      TandemCache<String, SessionState> t = cache.unwrap(TandemCache.class);
      this.tandem = t;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The session store needs a Tandem cache (for per-entry"
          + " time-to-live); cache " + cache.getName() + " is " + cache.getClass().getName(), e);
    }
  }

  /** The cache behind this repository. */
  public Cache<String, SessionState> cache() {
    return cache;
  }

  /** The codec for attribute values. */
  public AttributeCodec codec() {
    return codec;
  }

  /** The current time of this repository's clock, epoch milliseconds. */
  public long now() {
    return clock.getAsLong();
  }

  /** A fresh, unused-looking id (128 bits or more of {@code SecureRandom}). */
  public String newId() {
    return ids.next();
  }

  /** Whether {@code id} has the length and alphabet of this repository's ids. */
  public boolean isWellFormed(String id) {
    return ids.isWellFormed(id);
  }

  /**
   * The session stored under {@code id}, or null when the id is malformed, unknown, or its
   * session is over. Never throws for a bad id: ids come from clients.
   */
  public SessionState find(String id) {
    if (!ids.isWellFormed(id)) {
      return null;
    }
    SessionState state = cache.get(id);
    if (state == null || state.isExpired(now())) {
      return null;
    }
    return state;
  }

  /** Applies {@code delta} to the session {@code id}; see {@link SessionDelta}. */
  public SessionDelta.Outcome save(String id, SessionDelta delta) {
    return cache.invoke(id, delta);
  }

  /** Removes session {@code id} (invalidation); its removal fires no session event here. */
  public boolean delete(String id) {
    return cache.remove(id);
  }

  /**
   * Moves session {@code oldId} to a fresh id: the state is copied under the new id first, then
   * the old entry is removed, so the session is never absent. A request of the same session
   * running meanwhile under the old id loses what it writes after the move.
   *
   * @return the new id, or null when {@code oldId} has no session any more
   */
  public String changeId(String oldId) {
    SessionState state = find(oldId);
    if (state == null) {
      return null;
    }
    String newId;
    do {
      newId = ids.next();
    } while (!tandem.putIfAbsent(newId, state, SessionDelta.timeToLive(state, now())));
    cache.remove(oldId);
    return newId;
  }

  /**
   * Subscribes {@code listener} to the sessions of this cache that expire. Each expiry reaches
   * exactly one subscriber of the cache in this JVM (the oldest), whichever repository or
   * webapp subscribed; the cache raises one EXPIRED event per entry.
   *
   * @return closes the subscription
   */
  public AutoCloseable onExpiry(Consumer<ExpiredSession> listener) {
    return ExpiryEvents.subscribe(cache, listener);
  }

  /** A session that expired: its id and its last state. */
  public record ExpiredSession(String id, SessionState state) {}
}
