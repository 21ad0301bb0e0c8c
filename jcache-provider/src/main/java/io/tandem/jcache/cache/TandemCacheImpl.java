package io.tandem.jcache.cache;

import io.tandem.jcache.TandemCache;
import io.tandem.jcache.config.TandemConfiguration;
import io.tandem.jcache.event.EventDispatcher;
import io.tandem.jcache.event.TandemEntryEvent;
import io.tandem.jcache.management.CacheConfigurationBean;
import io.tandem.jcache.management.CacheStatistics;
import io.tandem.jcache.management.JmxRegistration;
import io.tandem.jcache.serialization.Codec;
import io.tandem.jcache.serialization.Immutables;
import io.tandem.jcache.store.Clock;
import io.tandem.jcache.store.Serialized;
import io.tandem.jcache.store.Store;
import io.tandem.jcache.store.StoredEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.EventType;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * The JCache surface of a Tandem cache: argument checks, turning calls into {@link KeyCommand}s,
 * and the one place ({@link #execute}) where a command runs and its {@link Action} is committed:
 * writer, expiry, store, events and statistics, in that order.
 *
 * <p>Reads ({@code get}, {@code containsKey}, the iterator) need no lock: stored entries never
 * change their value, and a by-value read deserializes a fresh copy from the stored bytes.
 */
public final class TandemCacheImpl<K, V> implements TandemCache<K, V> {

  private static final long SWEEP_MILLIS = 1000;

  private final String name;
  private final CacheManager manager;
  private final String managerUri;
  private final TandemConfiguration<K, V> configuration;
  private final Codec codec;
  private final Executor executor;
  private final Clock clock;
  private final Store store;
  private final CacheStatistics statistics = new CacheStatistics();
  private final CacheConfigurationBean configurationBean;
  private final EventDispatcher<K, V> dispatcher;
  private final ExpiryPolicy expiry;
  private final boolean eternal;
  private final CacheLoader<K, V> loader;
  private final CacheWriter<? super K, ? super V> writer;
  private final AtomicLong versions = new AtomicLong();
  private final ScheduledFuture<?> sweeper;
  private volatile boolean closed;

  /**
   * @param configuration the cache's own copy; listeners registered later are added to it
   */
  public TandemCacheImpl(CacheManager manager, String name, TandemConfiguration<K, V> configuration,
      Codec codec, Executor executor, ScheduledExecutorService scheduler) {
    this.manager = manager;
    this.managerUri = manager.getURI().toString();
    this.name = name;
    this.configuration = configuration;
    this.codec = codec;
    this.executor = executor;
    this.clock = configuration.getClockFactory() == null
        ? Clock.SYSTEM : configuration.getClockFactory().create();
    this.store = new Store(configuration.getMaxEntries(), key -> statistics.eviction());
    this.configurationBean = new CacheConfigurationBean(() -> this.configuration);
    this.dispatcher = new EventDispatcher<>(executor);
    this.expiry = configuration.getExpiryPolicyFactory().create();
    this.eternal = expiry.getClass() == EternalExpiryPolicy.class;
    this.loader = configuration.getCacheLoaderFactory() == null
        ? null : configuration.getCacheLoaderFactory().create();
    this.writer = configuration.getCacheWriterFactory() == null
        ? null : configuration.getCacheWriterFactory().create();
    for (var listener : configuration.getCacheEntryListenerConfigurations()) {
      dispatcher.register(listener);
    }
    setStatisticsEnabled(configuration.isStatisticsEnabled());
    setManagementEnabled(configuration.isManagementEnabled());
    this.sweeper = scheduler.scheduleWithFixedDelay(this::sweepQuietly,
        SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    checkOpen();
    requireKey(key);
    long start = statistics.start();
    V value = readLive(key);
    if (value != null) {
      statistics.hit();
      statistics.getTime(start);
      return value;
    }
    statistics.miss();
    statistics.getTime(start);
    if (configuration.isReadThrough() && loader != null) {
      return execute(key, new Commands.Load<>(loader, false), true);
    }
    return null;
  }

  /** The value of a live entry (access expiry applied), or null; reclaims an expired entry. */
  private V readLive(K key) {
    StoredEntry entry = store.read(key);
    if (entry == null) {
      return null;
    }
    long now = clock.millis();
    if (entry.isExpired(now)) {
      execute(key, new Commands.Touch<>(), true);
      return null;
    }
    applyAccessExpiry(entry, now);
    return fromStored(entry.value());
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    checkOpen();
    requireKeys(keys);
    long start = statistics.start();
    Map<K, V> result = new LinkedHashMap<>();
    Set<K> missing = new HashSet<>();
    for (K key : keys) {
      V value = readLive(key);
      if (value != null) {
        result.put(key, value);
      } else {
        missing.add(key);
      }
    }
    statistics.hits(result.size());
    statistics.misses(missing.size());
    statistics.getTime(start);
    if (!missing.isEmpty() && configuration.isReadThrough() && loader != null) {
      Map<K, V> loaded = loadAll(missing);
      loaded.forEach((k, v) -> {
        execute(k, new Commands.Loaded<>(v, false), true);
        result.put(k, v);
      });
    }
    return result;
  }

  private Map<K, V> loadAll(Set<K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      Map<K, V> found = new HashMap<>();
      if (loaded != null) {
        loaded.forEach((k, v) -> {
          if (k != null && v != null) {
            found.put(k, v);
          }
        });
      }
      return found;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("The CacheLoader failed to load keys " + keys + ": " + e, e);
    }
  }

  @Override
  public boolean containsKey(K key) {
    checkOpen();
    requireKey(key);
    StoredEntry entry = store.peek(key);
    return entry != null && !entry.isExpired(clock.millis());
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues,
      CompletionListener completionListener) {
    checkOpen();
    requireKeys(keys);
    if (loader == null) {
      if (completionListener != null) {
        completionListener.onCompletion();
      }
      return;
    }
    Set<K> requested = new HashSet<>(keys);
    executor.execute(() -> {
      try {
        Set<K> toLoad = new HashSet<>();
        for (K key : requested) {
          if (replaceExistingValues || !containsKey(key)) {
            toLoad.add(key);
          }
        }
        if (!toLoad.isEmpty()) {
          loadAll(toLoad).forEach((k, v) ->
              execute(k, new Commands.Loaded<>(v, replaceExistingValues), true));
        }
        if (completionListener != null) {
          completionListener.onCompletion();
        }
      } catch (Exception e) {
        if (completionListener != null) {
          completionListener.onException(e);
        }
      }
    });
  }

  // ---------------------------------------------------------------- single-key writes

  @Override
  public void put(K key, V value) {
    put(key, value, (Duration) null);
  }

  @Override
  public void put(K key, V value, Duration timeToLive) {
    checkOpen();
    checkEntry(key, value);
    long start = statistics.start();
    Object stored = toStored(value);
    execute(key, new Commands.Put<>(value, stored, timeToLive == null
        ? null : checkTimeToLive(timeToLive)), true);
    statistics.putTime(start);
  }

  @Override
  public V getAndPut(K key, V value) {
    checkOpen();
    checkEntry(key, value);
    long start = statistics.start();
    V old = execute(key, new Commands.GetAndPut<>(value, toStored(value)), true);
    statistics.getTime(start);
    statistics.putTime(start);
    return old;
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    return putIfAbsent(key, value, null);
  }

  @Override
  public boolean putIfAbsent(K key, V value, Duration timeToLive) {
    checkOpen();
    checkEntry(key, value);
    long start = statistics.start();
    boolean put = execute(key, new Commands.PutIfAbsent<>(value, toStored(value),
        timeToLive == null ? null : checkTimeToLive(timeToLive)), true);
    if (put) {
      statistics.putTime(start);
    }
    return put;
  }

  @Override
  public boolean remove(K key) {
    checkOpen();
    requireKey(key);
    long start = statistics.start();
    boolean removed = execute(key, new Commands.Remove<>(), true);
    if (removed) {
      statistics.removeTime(start);
    }
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    checkOpen();
    requireKey(key);
    Objects.requireNonNull(oldValue, "oldValue");
    long start = statistics.start();
    boolean removed = execute(key, new Commands.RemoveIfEquals<>(oldValue), true);
    statistics.getTime(start);
    if (removed) {
      statistics.removeTime(start);
    }
    return removed;
  }

  @Override
  public V getAndRemove(K key) {
    checkOpen();
    requireKey(key);
    long start = statistics.start();
    V old = execute(key, new Commands.GetAndRemove<>(), true);
    statistics.getTime(start);
    if (old != null) {
      statistics.removeTime(start);
    }
    return old;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    checkOpen();
    checkEntry(key, newValue);
    Objects.requireNonNull(oldValue, "oldValue");
    long start = statistics.start();
    boolean replaced = execute(key,
        new Commands.ReplaceIfEquals<>(oldValue, newValue, toStored(newValue)), true);
    statistics.getTime(start);
    if (replaced) {
      statistics.putTime(start);
    }
    return replaced;
  }

  @Override
  public boolean replace(K key, V value) {
    checkOpen();
    checkEntry(key, value);
    long start = statistics.start();
    boolean replaced = execute(key, new Commands.Replace<>(value, toStored(value)), true);
    statistics.getTime(start);
    if (replaced) {
      statistics.putTime(start);
    }
    return replaced;
  }

  @Override
  public V getAndReplace(K key, V value) {
    checkOpen();
    checkEntry(key, value);
    long start = statistics.start();
    V old = execute(key, new Commands.GetAndReplace<>(value, toStored(value)), true);
    statistics.getTime(start);
    if (old != null) {
      statistics.putTime(start);
    }
    return old;
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    requireKey(key);
    Objects.requireNonNull(processor, "entryProcessor");
    CacheLoader<K, V> readThrough = configuration.isReadThrough() ? loader : null;
    return execute(key, new Commands.Invoke<>(processor, arguments, readThrough), true);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    requireKeys(keys);
    Objects.requireNonNull(processor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (CacheException e) {
        EntryProcessorException failure = e instanceof EntryProcessorException epe
            ? epe : new EntryProcessorException(e);
        results.put(key, () -> {
          throw failure;
        });
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- bulk writes

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    checkOpen();
    Objects.requireNonNull(map, "map");
    long start = statistics.start();
    Map<K, Object> stored = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      checkEntry(k, v);
      stored.put(k, toStored(v)); // every value is checked before anything changes
    });
    Set<K> failed = Set.of();
    CacheWriterException failure = null;
    if (configuration.isWriteThrough() && writer != null && !map.isEmpty()) {
      Collection<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>();
      map.forEach((k, v) -> batch.add(new EntryImpl<>(k, v)));
      try {
        @SuppressWarnings({"unchecked", "rawtypes"})
        CacheWriter<K, V> typedWriter = (CacheWriter) writer;
        typedWriter.writeAll(batch);
      } catch (Exception e) {
        failure = writerFailure("writeAll", map.keySet(), e);
        failed = new HashSet<>();
        for (var entry : batch) {
          failed.add(entry.getKey());
        }
      }
    }
    for (var e : map.entrySet()) {
      if (!failed.contains(e.getKey())) {
        execute(e.getKey(), new Commands.Put<>(e.getValue(), stored.get(e.getKey()), null), false);
      }
    }
    statistics.putTime(start);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    checkOpen();
    requireKeys(keys);
    long start = statistics.start();
    Set<K> failed = Set.of();
    CacheWriterException failure = null;
    if (configuration.isWriteThrough() && writer != null && !keys.isEmpty()) {
      Collection<Object> batch = new ArrayList<>(keys);
      try {
        writer.deleteAll(batch);
      } catch (Exception e) {
        failure = writerFailure("deleteAll", keys, e);
        failed = new HashSet<>();
        for (Object k : batch) {
          @SuppressWarnings("unchecked")
          K key = (K) k;
          failed.add(key);
        }
      }
    }
    for (K key : keys) {
      if (!failed.contains(key)) {
        execute(key, new Commands.Remove<>(), false);
      }
    }
    statistics.removeTime(start);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void removeAll() {
    checkOpen();
    Set<K> keys = new HashSet<>();
    for (var it = store.iterator(); it.hasNext(); ) {
      @SuppressWarnings("unchecked")
      K key = (K) it.next().getKey();
      keys.add(key);
    }
    removeAll(keys);
  }

  @Override
  public void clear() {
    checkOpen();
    store.clear();
  }

  // ---------------------------------------------------------------- the write path

  /**
   * Runs {@code command} on {@code key} under the key's lock and commits what it did. This is the
   * single path of every mutation; a cluster layer routes it to the key's primary owner and
   * replicates the committed state.
   *
   * @param writeThrough false for bulk operations, whose writer call already happened
   */
  <R> R execute(K key, KeyCommand<K, V, R> command, boolean writeThrough) {
    store.lock(key);
    try {
      long now = clock.millis();
      StoredEntry current = store.peek(key);
      if (current != null && current.isExpired(now)) {
        expire(key, current);
        current = null;
      }
      var op = new KeyOperation<>(this, key, current, now,
          writeThrough && configuration.isWriteThrough() && writer != null);
      R result = command.apply(op);
      commit(op);
      return result;
    } finally {
      store.unlock(key);
    }
  }

  private void commit(KeyOperation<K, V> op) {
    K key = op.key;
    StoredEntry current = op.current;
    switch (op.action()) {
      case NONE -> { }
      case READ -> {
        if (op.timeToLive() != null) {
          current.expiresAt(op.now + op.timeToLive().toMillis());
        } else {
          applyAccessExpiry(current, op.now);
        }
      }
      case CREATED, UPDATED, LOADED -> {
        Object stored = op.newStored();
        boolean update = current != null;
        if (op.action() != Action.LOADED && op.writeThrough) {
          write(key, op.newValue());
        }
        long expiresAt = op.timeToLive() != null
            ? op.now + op.timeToLive().toMillis()
            : update ? updateExpiry(current, op.now) : creationExpiry(op.now);
        if (!update && expiresAt <= op.now) {
          return; // created already expired: never added, nothing to tell
        }
        store.put(update ? key : codec.copy(key),
            new StoredEntry(stored, versions.incrementAndGet(), expiresAt));
        if (op.action() != Action.LOADED) {
          statistics.put();
        }
        publish(update ? EventType.UPDATED : EventType.CREATED, key, stored,
            update ? current.value() : null);
      }
      case DELETED -> {
        if (op.writeThrough) {
          delete(key);
        }
        if (current != null) {
          store.remove(key);
          statistics.removal();
          publish(EventType.REMOVED, key, null, current.value());
        }
      }
    }
  }

  /** Removes an entry found expired and tells the EXPIRED listeners; caller holds the lock. */
  private void expire(K key, StoredEntry entry) {
    if (store.remove(key, entry)) {
      publish(EventType.EXPIRED, key, null, entry.value());
    }
  }

  private void publish(EventType type, K key, Object stored, Object oldStored) {
    if (!dispatcher.isEmpty()) {
      dispatcher.publish(new TandemEntryEvent<>(this, type, key, stored, oldStored,
          this::fromStored));
    }
  }

  private void write(K key, V value) {
    try {
      writer.write(new EntryImpl<>(key, value));
    } catch (Exception e) {
      throw writerFailure("write", Set.of(key), e);
    }
  }

  private void delete(K key) {
    try {
      writer.delete(key);
    } catch (Exception e) {
      throw writerFailure("delete", Set.of(key), e);
    }
  }

  private CacheWriterException writerFailure(String method, Collection<?> keys, Exception e) {
    if (e instanceof CacheWriterException cwe) {
      return cwe;
    }
    return new CacheWriterException("The CacheWriter failed in " + method + " for key(s) " + keys
        + " of cache " + name + ": " + e, e);
  }

  // ---------------------------------------------------------------- expiry

  private long creationExpiry(long now) {
    try {
      javax.cache.expiry.Duration d = expiry.getExpiryForCreation();
      return d == null ? StoredEntry.ETERNAL : d.getAdjustedTime(now);
    } catch (RuntimeException e) {
      return StoredEntry.ETERNAL; // JCache leaves it to the implementation: keep the entry
    }
  }

  private long updateExpiry(StoredEntry current, long now) {
    try {
      javax.cache.expiry.Duration d = expiry.getExpiryForUpdate();
      return d == null ? current.expiresAt() : d.getAdjustedTime(now);
    } catch (RuntimeException e) {
      return current.expiresAt();
    }
  }

  private void applyAccessExpiry(StoredEntry entry, long now) {
    if (eternal) {
      return;
    }
    try {
      javax.cache.expiry.Duration d = expiry.getExpiryForAccess();
      if (d != null) {
        entry.expiresAt(d.getAdjustedTime(now));
      }
    } catch (RuntimeException e) {
      // no change to the expiry time we know
    }
  }

  @Override
  public void cleanUp() {
    checkOpen();
    long now = clock.millis();
    for (var it = store.iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().isExpired(now)) {
        @SuppressWarnings("unchecked")
        K key = (K) e.getKey();
        execute(key, new Commands.Touch<>(), true);
      }
    }
  }

  private void sweepQuietly() {
    try {
      if (!closed) {
        cleanUp();
      }
    } catch (RuntimeException e) {
      System.getLogger(TandemCacheImpl.class.getName()).log(System.Logger.Level.WARNING,
          "Reclaiming expired entries of cache " + name + " failed", e);
    }
  }

  // ---------------------------------------------------------------- values

  /** The form in which a value is kept: the object itself, or its bytes for store-by-value. */
  Object toStored(V value) {
    if (!configuration.isStoreByValue() || Immutables.isImmutable(value)) {
      return value;
    }
    return new Serialized(codec.serialize(value));
  }

  @SuppressWarnings("unchecked")
  V fromStored(Object stored) {
    if (stored instanceof Serialized s) {
      return (V) codec.deserialize(s.bytes());
    }
    return (V) stored;
  }

  CacheStatistics statistics() {
    return statistics;
  }

  static Duration checkTimeToLive(Duration ttl) {
    Objects.requireNonNull(ttl, "timeToLive");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("timeToLive must be positive, was " + ttl);
    }
    return ttl;
  }

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    checkOpen();
    var entries = store.iterator();
    return new Iterator<>() {
      private Cache.Entry<K, V> next;
      private K last;

      @Override
      public boolean hasNext() {
        while (next == null && entries.hasNext()) {
          var e = entries.next();
          long now = clock.millis();
          @SuppressWarnings("unchecked")
          K key = (K) e.getKey();
          if (e.getValue().isExpired(now)) {
            execute(key, new Commands.Touch<>(), true);
            continue;
          }
          statistics.hit();
          applyAccessExpiry(e.getValue(), now);
          next = new EntryImpl<>(key, fromStored(e.getValue().value()));
        }
        return next != null;
      }

      @Override
      public Cache.Entry<K, V> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        var result = next;
        next = null;
        last = result.getKey();
        return result;
      }

      @Override
      public void remove() {
        if (last == null) {
          throw new IllegalStateException("next() has not been called");
        }
        TandemCacheImpl.this.remove(last);
        last = null;
      }
    };
  }

  // ---------------------------------------------------------------- listeners, management

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    checkOpen();
    Objects.requireNonNull(listener, "cacheEntryListenerConfiguration");
    dispatcher.register(listener);
    configuration.addCacheEntryListenerConfiguration(listener);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    checkOpen();
    Objects.requireNonNull(listener, "cacheEntryListenerConfiguration");
    dispatcher.deregister(listener);
    configuration.removeCacheEntryListenerConfiguration(listener);
  }

  /** Enables or disables statistics, registering or unregistering their MXBean. */
  public void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    if (enabled) {
      JmxRegistration.register(statistics, managerUri, name, JmxRegistration.Kind.STATISTICS);
    } else {
      JmxRegistration.unregister(managerUri, name, JmxRegistration.Kind.STATISTICS);
    }
  }

  /** Enables or disables the configuration MXBean. */
  public void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      JmxRegistration.register(configurationBean, managerUri, name,
          JmxRegistration.Kind.CONFIGURATION);
    } else {
      JmxRegistration.unregister(managerUri, name, JmxRegistration.Kind.CONFIGURATION);
    }
  }

  /** The statistics MXBean, registered or not. */
  public CacheStatistics getStatistics() {
    return statistics;
  }

  // ---------------------------------------------------------------- identity, lifecycle

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    var copy = new TandemConfiguration<>(configuration);
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException("The configuration of cache " + name
        + " is a " + TandemConfiguration.class.getName() + ", not a " + clazz.getName());
  }

  @Override
  public long size() {
    return store.size();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the cache: stops its background work, unregisters its MXBeans and closes the loader,
   * writer, expiry policy and listeners that are {@link AutoCloseable}. The manager forgets it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    sweeper.cancel(false);
    JmxRegistration.unregister(managerUri, name, JmxRegistration.Kind.STATISTICS);
    JmxRegistration.unregister(managerUri, name, JmxRegistration.Kind.CONFIGURATION);
    dispatcher.close();
    for (Object o : new Object[] {loader, writer, expiry}) {
      if (o instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          System.getLogger(TandemCacheImpl.class.getName()).log(System.Logger.Level.WARNING,
              "Closing " + o + " of cache " + name + " failed", e);
        }
      }
    }
    if (manager instanceof CacheOwner owner) {
      owner.forget(this);
    }
  }

  /** What the cache tells its manager when it closes. */
  public interface CacheOwner {
    void forget(Cache<?, ?> cache);
  }

  /** Empties the store without events (for destroyCache). */
  public void destroy() {
    store.clear();
    close();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A Tandem cache cannot be unwrapped to " + clazz.getName()
        + "; use " + TandemCache.class.getName());
  }

  // ---------------------------------------------------------------- checks

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + name + " is closed");
    }
  }

  private void requireKey(K key) {
    Objects.requireNonNull(key, "a cache key may not be null");
  }

  private void requireKeys(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      Objects.requireNonNull(key, "a set of keys may not contain null");
    }
  }

  private void checkEntry(K key, V value) {
    requireKey(key);
    Objects.requireNonNull(value, "a cache value may not be null");
    Class<K> keyType = configuration.getKeyType();
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("Cache " + name + " takes keys of type " + keyType.getName()
          + ", not " + key.getClass().getName());
    }
    Class<V> valueType = configuration.getValueType();
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("Cache " + name + " takes values of type "
          + valueType.getName() + ", not " + value.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "TandemCache{" + name + " of " + managerUri + "}";
  }
}
