package io.tandem.jcache;

import io.tandem.jcache.cache.TandemCacheImpl;
import io.tandem.jcache.cluster.ClusterManagement;
import io.tandem.jcache.cluster.ClusterNode;
import io.tandem.jcache.config.CacheMode;
import io.tandem.jcache.config.ManagerSettings;
import io.tandem.jcache.serialization.SerializationSettings;
import io.tandem.jcache.serialization.TrustedClasses;
import java.util.ArrayList;
import java.util.List;
import io.tandem.jcache.config.TandemConfiguration;
import io.tandem.jcache.serialization.Codec;
import io.tandem.jcache.serialization.KryoCodec;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A Tandem cache manager: one per (URI, ClassLoader) of a provider. It owns the codec shared by its
 * caches (one class allowlist), the threads that deliver asynchronous events and run
 * {@code loadAll}, and the caches declared in its configuration file.
 */
public final class TandemCacheManager implements CacheManager, TandemCacheImpl.CacheOwner {

  private final TandemCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final ManagerSettings settings;
  private final Codec codec;
  private final ExecutorService executor;
  private final Map<String, TandemCacheImpl<?, ?>> caches = new ConcurrentHashMap<>();
  /** The cluster member, when the settings name a cluster; null for LOCAL caches only. */
  private final ClusterNode cluster;
  /** The cluster's MXBean, under io.tandem (never javax.cache). */
  private ClusterManagement clusterBean;
  private volatile boolean closed;

  TandemCacheManager(TandemCachingProvider provider, URI uri, ClassLoader classLoader,
      Properties properties) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.settings = ManagerSettings.load(uri, classLoader, properties);
    this.codec = new KryoCodec(withTrustedClasses(settings.serialization(), classLoader),
        classLoader);
    this.executor = newExecutor(uri);
    this.cluster = settings.cluster()
        .map(c -> new ClusterNode(c, new KryoCodec(clusterSerialization(), classLoader,
            ClusterNode.CONTRACT_TYPES), new ReplicatedCaches(), executor))
        .orElse(null);
    try {
      if (cluster != null) {
        cluster.join();
        clusterBean = new ClusterManagement(cluster, uri.toString());
        clusterBean.register();
      }
      settings.caches().forEach((name, config) -> createDeclared(name, config));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The application's allowlist plus the classes libraries declare as {@link TrustedClasses}. */
  private static SerializationSettings withTrustedClasses(SerializationSettings serialization,
      ClassLoader classLoader) {
    List<String> trusted = new ArrayList<>();
    for (TrustedClasses t : java.util.ServiceLoader.load(TrustedClasses.class, classLoader)) {
      trusted.addAll(t.classNames());
    }
    return trusted.isEmpty() ? serialization : serialization.allow(trusted.toArray(String[]::new));
  }

  /**
   * The codec of this manager's caches: Kryo with the manager's class allowlist. Libraries on top
   * of Tandem (the session store) use it to serialize what they keep, under the same rules.
   */
  public Codec codec() {
    return codec;
  }

  /**
   * What the cluster's codec may instantiate: the application's allowed classes, Tandem's own
   * messages, and the JCache configuration types a cache definition is made of.
   */
  private SerializationSettings clusterSerialization() {
    List<String> allow = new ArrayList<>(TandemCacheImpl.wireClasses());
    allow.addAll(ClusterNode.wireClasses());
    allow.addAll(List.of("javax.cache.configuration.**", "javax.cache.expiry.**",
        "io.tandem.jcache.config.*", "java.util.concurrent.TimeUnit", "java.lang.Class"));
    return withTrustedClasses(settings.serialization(), classLoader)
        .allow(allow.toArray(String[]::new));
  }

  private <K, V> void createDeclared(String name, TandemConfiguration<K, V> config) {
    synchronized (caches) {
      TandemCacheImpl<?, ?> existing = caches.get(name);
      if (existing != null) {
        // already defined by a peer during the join: the two definitions must agree
        checkSameDefinition(name, existing, config, settings.source());
        cluster.use(name);
        return;
      }
      if (config.getMode() == CacheMode.REPLICATED) {
        requireCluster(name).defineEverywhere(name, config);
      }
      caches.put(name, newCache(name, new TandemConfiguration<>(config)));
    }
  }

  private ClusterNode requireCluster(String cacheName) {
    if (cluster == null) {
      throw new CacheException("Cache " + cacheName + " is REPLICATED, but cache manager " + uri
          + " has no cluster: add <cluster name=\"...\"/> to " + settings.source()
          + " or give the property tandem.cluster.name");
    }
    return cluster;
  }

  private static void checkSameDefinition(String name, TandemCacheImpl<?, ?> existing,
      TandemConfiguration<?, ?> wanted, String where) {
    var mine = ClusterNode.shareable(existing.configuration());
    var theirs = ClusterNode.shareable(wanted);
    if (!mine.equals(theirs)) {
      throw new CacheException("Cache " + name + " is defined differently in " + where
          + " and on the cluster's other members (compare key/value types, expiry, loader, "
          + "writer, store-by-value, max-entries, mode, replication): make the definitions the "
          + "same on every member, or use another cache name");
    }
  }

  /** The manager's side of the cluster: replicated caches defined and destroyed by peers. */
  private final class ReplicatedCaches implements ClusterNode.Caches {
    @Override
    public TandemCacheImpl<?, ?> cache(String name) {
      TandemCacheImpl<?, ?> cache = caches.get(name);
      return cache != null && cache.configuration().getMode() == CacheMode.REPLICATED
          ? cache : null;
    }

    @Override
    public Map<String, TandemCacheImpl<?, ?>> all() {
      Map<String, TandemCacheImpl<?, ?>> replicated = new java.util.LinkedHashMap<>();
      caches.forEach((name, cache) -> {
        if (cache.configuration().getMode() == CacheMode.REPLICATED) {
          replicated.put(name, cache);
        }
      });
      return replicated;
    }

    @Override
    public void defineFromPeer(String name, TandemConfiguration<?, ?> configuration) {
      synchronized (caches) {
        TandemCacheImpl<?, ?> existing = caches.get(name);
        if (existing != null) {
          checkSameDefinition(name, existing, configuration, "a peer's definition");
          return;
        }
        caches.put(name, newCache(name, new TandemConfiguration<>(configuration)));
      }
    }

    @Override
    public void destroyFromPeer(String name) {
      TandemCacheImpl<?, ?> cache = caches.remove(name);
      if (cache != null) {
        cache.destroy();
      }
    }
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName,
      C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    synchronized (caches) {
      TandemCacheImpl<?, ?> copy = caches.get(cacheName);
      if (copy != null && cluster != null && !cluster.uses(cacheName)
          && copy.configuration().getMode() == CacheMode.REPLICATED) {
        // Another member created it and this one only holds a copy: creating it here with the same
        // definition opens it (every node of an application may create its caches at startup).
        checkSameDefinition(cacheName, copy, settings.withDefaults(complete(configuration)),
            "this createCache call");
        cluster.use(cacheName);
        @SuppressWarnings("unchecked")
        Cache<K, V> opened = (Cache<K, V>) copy;
        return opened;
      }
      if (caches.containsKey(cacheName)) {
        throw new CacheException("Cache " + cacheName + " already exists in cache manager " + uri
            + (settings.caches().containsKey(cacheName)
                ? " (declared in " + settings.source() + ")" : "")
            + "; use getCache to obtain it");
      }
      TandemConfiguration<K, V> config = settings.withDefaults(complete(configuration));
      if (config.getMode() == CacheMode.REPLICATED) {
        requireCluster(cacheName).defineEverywhere(cacheName, config);
      }
      TandemCacheImpl<K, V> cache = newCache(cacheName, config);
      caches.put(cacheName, cache);
      return cache;
    }
  }

  private static <K, V> CompleteConfiguration<K, V> complete(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return complete;
    }
    return new MutableConfiguration<K, V>()
        .setTypes(configuration.getKeyType(), configuration.getValueType())
        .setStoreByValue(configuration.isStoreByValue());
  }

  private <K, V> TandemCacheImpl<K, V> newCache(String name, TandemConfiguration<K, V> config) {
    return new TandemCacheImpl<>(this, name, config, codec, executor,
        TandemCachingProvider.SCHEDULER, config.getMode() == CacheMode.REPLICATED
            ? requireCluster(name).replicationFor(name) : null);
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    TandemCacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    useIfReplicated(cache);
    var config = cache.getConfiguration(CompleteConfiguration.class);
    if (config.getKeyType() != keyType) {
      throw new ClassCastException("Cache " + cacheName + " has keys of type "
          + config.getKeyType().getName() + ", not " + keyType.getName());
    }
    if (config.getValueType() != valueType) {
      throw new ClassCastException("Cache " + cacheName + " has values of type "
          + config.getValueType().getName() + ", not " + valueType.getName());
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
    if (cache != null) {
      useIfReplicated((TandemCacheImpl<?, ?>) cache);
    }
    return cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    checkOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    TandemCacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null && cache.configuration().getMode() == CacheMode.REPLICATED) {
      cluster.destroyEverywhere(cacheName);
    }
    cache = caches.remove(cacheName);
    if (cache != null) {
      cache.destroy();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    TandemCacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    TandemCacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  @Override
  public void forget(Cache<?, ?> cache) {
    if (caches.remove(cache.getName(), cache) && cluster != null && !closed
        && ((TandemCacheImpl<?, ?>) cache).configuration().getMode() == CacheMode.REPLICATED) {
      cluster.release(cache.getName());
    }
  }

  /** An application opening a replicated cache keeps it alive in the cluster. */
  private void useIfReplicated(TandemCacheImpl<?, ?> cache) {
    if (cluster != null && cache.configuration().getMode() == CacheMode.REPLICATED) {
      cluster.use(cache.getName());
    }
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /** This manager's cluster member, if it has a cluster. */
  public java.util.Optional<ClusterNode> getCluster() {
    return java.util.Optional.ofNullable(cluster);
  }

  /** The settings this manager was opened with (file, properties and defaults combined). */
  public ManagerSettings getSettings() {
    return settings;
  }

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
    for (TandemCacheImpl<?, ?> cache : caches.values()) {
      cache.close();
    }
    caches.clear();
    if (clusterBean != null) {
      clusterBean.unregister();
    }
    if (cluster != null) {
      cluster.close();
    }
    executor.shutdown();
    provider.forget(this);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A Tandem cache manager cannot be unwrapped to "
        + clazz.getName());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Cache manager " + uri + " is closed");
    }
  }

  /** Threads for asynchronous listeners and loadAll: none until needed, none kept idle long. */
  private static ExecutorService newExecutor(URI uri) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "tandem-" + uri + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), threads);
  }

  @Override
  public String toString() {
    return "TandemCacheManager{" + uri + "}";
  }
}
