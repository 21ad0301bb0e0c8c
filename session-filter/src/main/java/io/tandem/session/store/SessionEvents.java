package io.tandem.session.store;

import io.tandem.jcache.event.TandemEntryEvent;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.EventType;

/**
 * The one place where a session cache's entry events become session events: created, deleted,
 * expired, each once in the cluster, whoever made the change (the servlet filter or the Spring
 * repository, on any member).
 *
 * <p>Why once: in a replicated cache every member's listeners hear every change, the primary's
 * (where it was made) and each other member's copy; only the origin event
 * ({@link TandemEntryEvent#isOrigin()}) is acted on. In this JVM one listener per cache
 * (a hub) hears it, whatever the number of subscribers, and hands it to the oldest subscriber
 * of each audience: two webapps on one cache (two nodes sharing a store) are one audience and
 * must not both fire {@code sessionDestroyed}, while the filter's listeners and Spring's events
 * are two audiences that each want to hear it.
 *
 * <p>An id change creates the new entry and removes the old one; both carry
 * {@link SessionState#movedTo()}, so neither becomes an event.
 *
 * <p>The hub is a synchronous cache listener that only queues the event: the subscribers run on
 * the hub's own thread, one event after the other in the order this member applied them (never
 * under the entry's lock, never holding up the expiry sweep). The thread ends when idle.
 */
final class SessionEvents {

  private static final System.Logger LOG = System.getLogger(SessionEvents.class.getName());
  private static final Map<Cache<?, ?>, Hub> HUBS = new IdentityHashMap<>();

  private SessionEvents() {}

  static AutoCloseable subscribe(Cache<String, SessionState> cache, String audience,
      SessionEventListener listener) {
    Hub hub;
    synchronized (HUBS) {
      hub = HUBS.get(cache);
      if (hub == null) {
        hub = new Hub(cache);
        HUBS.put(cache, hub);
        hub.register();
      }
      hub.add(audience, listener);
    }
    Hub subscribed = hub;
    return () -> {
      synchronized (HUBS) {
        if (subscribed.remove(audience, listener)) {
          HUBS.remove(cache);
          subscribed.deregister();
        }
      }
    };
  }

  private static final class Hub implements CacheEntryCreatedListener<String, SessionState>,
      CacheEntryRemovedListener<String, SessionState>,
      CacheEntryExpiredListener<String, SessionState> {
    private final Cache<String, SessionState> cache;
    /** Audience to its subscribers, oldest first; changed under the HUBS lock only. */
    private final Map<String, List<SessionEventListener>> audiences = new ConcurrentHashMap<>();
    private final ExecutorService thread;
    private MutableCacheEntryListenerConfiguration<String, SessionState> configuration;

    Hub(Cache<String, SessionState> cache) {
      this.cache = cache;
      String name = "tandem-session-events-" + cache.getName();
      this.thread = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
          });
    }

    void add(String audience, SessionEventListener listener) {
      audiences.computeIfAbsent(audience, a -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** @return whether no subscriber is left */
    boolean remove(String audience, SessionEventListener listener) {
      List<SessionEventListener> list = audiences.get(audience);
      if (list != null) {
        list.remove(listener);
        if (list.isEmpty()) {
          audiences.remove(audience);
        }
      }
      return audiences.isEmpty();
    }

    void register() {
      configuration = new MutableCacheEntryListenerConfiguration<>(
          new FactoryBuilder.SingletonFactory<>(this), null, true, true);
      cache.registerCacheEntryListener(configuration);
    }

    void deregister() {
      if (!cache.isClosed()) {
        cache.deregisterCacheEntryListener(configuration);
      }
      thread.shutdown(); // what is queued still runs
    }

    @Override
    public void onCreated(
        Iterable<CacheEntryEvent<? extends String, ? extends SessionState>> events) {
      queue(events);
    }

    @Override
    public void onRemoved(
        Iterable<CacheEntryEvent<? extends String, ? extends SessionState>> events) {
      queue(events);
    }

    @Override
    public void onExpired(
        Iterable<CacheEntryEvent<? extends String, ? extends SessionState>> events) {
      queue(events);
    }

    /** Runs under the entry's lock: only queues, and reads no value (it may need decoding). */
    private void queue(Iterable<CacheEntryEvent<? extends String, ? extends SessionState>> events) {
      for (CacheEntryEvent<? extends String, ? extends SessionState> event : events) {
        if (!isOrigin(event)) {
          continue; // a copy of a change whose primary tells its own subscribers
        }
        try {
          thread.execute(() -> tell(event));
        } catch (RejectedExecutionException e) {
          return; // the last subscriber left meanwhile
        }
      }
    }

    private void tell(CacheEntryEvent<? extends String, ? extends SessionState> event) {
      String id = event.getKey();
      EventType type = event.getEventType();
      // CREATED carries the new state; REMOVED and EXPIRED the last one
      SessionState state = type == EventType.CREATED ? event.getValue() : event.getOldValue();
      if (state == null) {
        return;
      }
      BiConsumer<SessionEventListener, SessionState> call;
      if (type == EventType.CREATED) {
        if (state.movedTo() != null) {
          return; // the new entry of an id change
        }
        call = (l, s) -> l.created(id, s);
      } else if (state.movedAwayFrom(id)) {
        return; // the old entry of an id change
      } else if (type == EventType.REMOVED) {
        call = (l, s) -> l.deleted(id, s);
      } else {
        call = (l, s) -> l.expired(id, s);
      }
      for (List<SessionEventListener> audience : audiences.values()) {
        var subscribers = audience.iterator(); // a snapshot: the list is copy-on-write
        if (!subscribers.hasNext()) {
          continue;
        }
        try {
          call.accept(subscribers.next(), state);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "A session " + type.name().toLowerCase()
              + " listener of cache " + cache.getName() + " failed", e);
        }
      }
    }

    /** Whether the change was made on this member; events of other providers count as origin. */
    private static boolean isOrigin(CacheEntryEvent<?, ?> event) {
      return !(event instanceof TandemEntryEvent<?, ?> tandem) || tandem.isOrigin();
    }
  }
}
