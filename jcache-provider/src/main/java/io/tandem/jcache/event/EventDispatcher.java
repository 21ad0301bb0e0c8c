package io.tandem.jcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;

/**
 * Delivers a cache's events to its registered listeners.
 *
 * <p>{@link #publish} is called while the mutating command still holds the key's lock, which fixes
 * the order of a key's events. Synchronous listeners run right there, in the caller's thread, so
 * they have run before the mutating call returns. Asynchronous listeners are chained per listener
 * and key on the executor: a key's events reach a listener in the order they happened, while other
 * keys and other listeners proceed in parallel.
 */
public final class EventDispatcher<K, V> {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final Map<Registration<K, V>, Map<K, CompletableFuture<Void>>> queues =
      new ConcurrentHashMap<>();
  private final Executor executor;

  public EventDispatcher(Executor executor) {
    this.executor = executor;
  }

  /** Creates the listener from its factory and starts delivering to it. */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (var r : registrations) {
      if (r.configuration.equals(configuration)) {
        throw new IllegalArgumentException("This listener configuration is already registered: "
            + configuration);
      }
    }
    registrations.add(new Registration<>(configuration));
  }

  /** Stops delivering to the listener of {@code configuration}, if registered, and closes it. */
  public synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (var r : registrations) {
      if (r.configuration.equals(configuration)) {
        registrations.remove(r);
        queues.remove(r);
        r.close();
      }
    }
  }

  /** The configurations registered now. */
  public List<CacheEntryListenerConfiguration<K, V>> configurations() {
    var list = new ArrayList<CacheEntryListenerConfiguration<K, V>>();
    registrations.forEach(r -> list.add(r.configuration));
    return list;
  }

  /** True when no listener is registered: callers can skip building events. */
  public boolean isEmpty() {
    return registrations.isEmpty();
  }

  /**
   * Delivers {@code event}: synchronous listeners now, asynchronous ones in order later.
   *
   * @throws CacheEntryListenerException when a synchronous listener failed (after all of them ran)
   */
  public void publish(TandemEntryEvent<K, V> event) {
    CacheEntryListenerException failure = null;
    for (var r : registrations) {
      if (!r.listensTo(event.getEventType())) {
        continue;
      }
      if (r.isSynchronous()) {
        try {
          r.deliver(event);
        } catch (RuntimeException e) {
          var wrapped = e instanceof CacheEntryListenerException le
              ? le : new CacheEntryListenerException(e);
          if (failure == null) {
            failure = wrapped;
          } else {
            failure.addSuppressed(wrapped);
          }
        }
      } else {
        enqueue(r, event);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void enqueue(Registration<K, V> r, TandemEntryEvent<K, V> event) {
    Map<K, CompletableFuture<Void>> perKey = queues.computeIfAbsent(r, x -> new ConcurrentHashMap<>());
    K key = event.getKey();
    Runnable delivery = () -> {
      try {
        r.deliver(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Asynchronous listener " + r.listener
            + " failed on " + event, e);
      }
    };
    CompletableFuture<Void> next = perKey.compute(key, (k, previous) -> previous == null
        ? CompletableFuture.runAsync(delivery, executor)
        : previous.thenRunAsync(delivery, executor));
    next.whenComplete((ok, e) -> perKey.remove(key, next));
  }

  /** Waits until every asynchronous event published so far has been delivered. */
  public void awaitQuiescence() {
    for (var perKey : queues.values()) {
      for (var f : List.copyOf(perKey.values())) {
        f.join();
      }
    }
  }

  /** Closes every listener and filter that is {@link AutoCloseable}. */
  public synchronized void close() {
    registrations.forEach(Registration::close);
    registrations.clear();
    queues.clear();
  }
}
