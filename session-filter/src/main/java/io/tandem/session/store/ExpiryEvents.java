package io.tandem.session.store;

import io.tandem.jcache.event.TandemEntryEvent;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;

/**
 * One EXPIRED listener per session cache in this JVM, whatever the number of webapps (nodes)
 * using the cache; each expired session goes to one subscriber only.
 *
 * <p>Why: two webapps on one cache (two nodes sharing a store) must not both fire
 * {@code sessionDestroyed}. The cache raises one EXPIRED event per entry; handing it to exactly
 * one subscriber keeps that count at one.
 *
 * <p>In a replicated cache every member's listeners hear every expiry: the primary's, where the
 * expiry was decided, and each other member's copy of it. Only the origin event
 * ({@link TandemEntryEvent#isOrigin()}) is acted on, so that across the cluster one member, and
 * in that member's JVM one subscriber, fires {@code sessionDestroyed}.
 */
final class ExpiryEvents {

  private static final Map<Cache<?, ?>, Hub> HUBS = new IdentityHashMap<>();

  private ExpiryEvents() {}

  static AutoCloseable subscribe(Cache<String, SessionState> cache,
      Consumer<SessionRepository.ExpiredSession> listener) {
    Hub hub;
    synchronized (HUBS) {
      hub = HUBS.get(cache);
      if (hub == null) {
        hub = new Hub(cache);
        HUBS.put(cache, hub);
        hub.register();
      }
      hub.subscribers.add(listener);
    }
    Hub subscribed = hub;
    return () -> {
      synchronized (HUBS) {
        subscribed.subscribers.remove(listener);
        if (subscribed.subscribers.isEmpty()) {
          HUBS.remove(cache);
          subscribed.deregister();
        }
      }
    };
  }

  private static final class Hub implements CacheEntryExpiredListener<String, SessionState> {
    private final Cache<String, SessionState> cache;
    private final List<Consumer<SessionRepository.ExpiredSession>> subscribers =
        new CopyOnWriteArrayList<>();
    private MutableCacheEntryListenerConfiguration<String, SessionState> configuration;

    Hub(Cache<String, SessionState> cache) {
      this.cache = cache;
    }

    void register() {
      // asynchronous: webapp listeners must not run under the entry's lock nor hold up the sweep
      configuration = new MutableCacheEntryListenerConfiguration<>(
          new FactoryBuilder.SingletonFactory<>(this), null, true, false);
      cache.registerCacheEntryListener(configuration);
    }

    void deregister() {
      if (!cache.isClosed()) {
        cache.deregisterCacheEntryListener(configuration);
      }
    }

    @Override
    public void onExpired(
        Iterable<CacheEntryEvent<? extends String, ? extends SessionState>> events) {
      for (CacheEntryEvent<? extends String, ? extends SessionState> event : events) {
        if (!isOrigin(event)) {
          continue; // a replica of an expiry the key's primary reports to its own subscribers
        }
        SessionState state = event.getOldValue() != null ? event.getOldValue() : event.getValue();
        if (state == null) {
          continue;
        }
        var expired = new SessionRepository.ExpiredSession(event.getKey(), state);
        var oldest = subscribers.iterator();
        if (oldest.hasNext()) {
          oldest.next().accept(expired);
        }
      }
    }

    /** Whether the change was made on this member; events of other providers count as origin. */
    private static boolean isOrigin(CacheEntryEvent<?, ?> event) {
      return !(event instanceof TandemEntryEvent<?, ?> tandem) || tandem.isOrigin();
    }
  }
}
