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

  /**
   * The session cache {@code name} of {@code manager}, created when missing: by reference (a
   * {@link SessionState} is immutable, so nothing needs copying on this member). The servlet
   * filter and the Spring Session repository both open it here, so they share one layout.
   */
  public static Cache<String, SessionState> openCache(javax.cache.CacheManager manager,
      String name) {
    Cache<String, SessionState> cache = manager.getCache(name);
    if (cache == null) {
      try {
        cache = manager.createCache(name,
            new javax.cache.configuration.MutableConfiguration<String, SessionState>()
                .setTypes(String.class, SessionState.class)
                .setStoreByValue(false));
      } catch (javax.cache.CacheException e) {
        cache = manager.getCache(name); // another webapp or member created it meanwhile
        if (cache == null) {
          throw e;
        }
      }
    }
    return cache;
  }

  /** The audience of {@link #onExpiry}: the servlet filter's session listeners. */
  static final String EXPIRY_AUDIENCE = "servlet-expiry";

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

  /**
   * Removes session {@code id} (invalidation). Returns true to one caller in the cluster; the
   * subscribers hear one {@link SessionEventListener#deleted}.
   */
  public boolean delete(String id) {
    return cache.remove(id);
  }

  /**
   * Moves session {@code oldId} to a fresh id; see {@link #move}.
   *
   * @param changes what the calling request changed so far (it goes with the session), or null
   * @return the new id, or null when {@code oldId} has no session any more
   */
  public String changeId(String oldId, SessionDelta changes) {
    String newId = ids.next();
    return move(oldId, newId, changes) ? newId : null;
  }

  /**
   * Moves session {@code oldId} to {@code newId}, {@code changes} applied, so that the session is
   * never absent: {@code changes} and the mark {@link SessionState#movedTo()} are applied to the
   * old entry, its state is stored under the new id, then the old entry is removed. The mark on
   * both entries is what keeps the subscribers from hearing a deleted and a created session. A
   * request of the same session running meanwhile under the old id loses what it writes after
   * the move.
   *
   * @param changes what the calling request changed so far, or null for nothing but the access
   * @return false when {@code oldId} has no session any more (expired or deleted meanwhile)
   * @throws IllegalStateException if {@code newId} is taken (with 128 random bits: never seen)
   */
  public boolean move(String oldId, String newId, SessionDelta changes) {
    SessionDelta marked = (changes != null ? changes : SessionDelta.access(now()))
        .movingTo(newId);
    if (save(oldId, marked) != SessionDelta.Outcome.UPDATED) {
      return false;
    }
    // the primary has applied the change and (sync replication) every member has it: read here
    SessionState state = cache.get(oldId);
    if (state == null) {
      return false;
    }
    if (!tandem.putIfAbsent(newId, state.movedTo(newId), SessionDelta.timeToLive(state, now()))) {
      throw new IllegalStateException("A new session id collided with a stored one");
    }
    cache.remove(oldId);
    return true;
  }

  /**
   * Subscribes {@code listener} to the sessions of this cache that are created, deleted or
   * expire, wherever in the cluster, each event heard by one member (the entry's primary). In
   * this JVM each event reaches the oldest subscriber of each {@code audience} only: webapps
   * that are nodes of one application (sharing a cache) subscribe as one audience, the servlet
   * listeners and Spring's events as two.
   *
   * @return closes the subscription
   */
  public AutoCloseable subscribe(String audience, SessionEventListener listener) {
    return SessionEvents.subscribe(cache, audience, listener);
  }

  /**
   * Subscribes {@code listener} to the sessions of this cache that expire, as the audience of
   * the servlet filter's listeners ({@link #subscribe}).
   *
   * @return closes the subscription
   */
  public AutoCloseable onExpiry(Consumer<ExpiredSession> listener) {
    return subscribe(EXPIRY_AUDIENCE, new SessionEventListener() {
      @Override
      public void expired(String id, SessionState state) {
        listener.accept(new ExpiredSession(id, state));
      }
    });
  }

  /** A session that expired: its id and its last state. */
  public record ExpiredSession(String id, SessionState state) {}
}
