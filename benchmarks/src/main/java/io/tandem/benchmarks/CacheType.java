package io.tandem.benchmarks;

import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The caches the benchmarks compare: a plain {@link ConcurrentHashMap} as the ceiling, and each
 * JCache provider in store-by-reference and store-by-value.
 *
 * <p>Several {@code CachingProvider}s are on the classpath, so each is picked by class name. Every
 * JCache cache is made from a plain {@link MutableConfiguration} with statistics and management
 * off (the JSR-107 defaults, set explicitly so nobody pays for them), no expiry, no loader or
 * writer, and no bound, so a prepopulated cache hits on every read.
 */
public enum CacheType {

  /** {@code ConcurrentHashMap.get}/{@code put}: what a JCache provider cannot beat. */
  ConcurrentHashMap(null, false),

  /** Caffeine's JCache adapter, values stored by reference. */
  Caffeine_byReference(Providers.CAFFEINE, false),

  /** Caffeine's JCache adapter, values copied on put and on get with Java serialization. */
  Caffeine_byValue(Providers.CAFFEINE, true),

  /** Ehcache 3's JCache provider, on-heap, values stored by reference. */
  Ehcache_byReference(Providers.EHCACHE, false),

  /** Ehcache 3's JCache provider, on-heap, keys and values copied with Java serialization. */
  Ehcache_byValue(Providers.EHCACHE, true),

  /** Tandem, values stored by reference. */
  Tandem_byReference(Providers.TANDEM, false),

  /** Tandem, values copied with Kryo (the benchmark's {@link Payload} is on the allowlist). */
  Tandem_byValue(Providers.TANDEM, true);

  /** Tandem's property naming the application classes its Kryo codec may instantiate. */
  static final String TANDEM_ALLOW_PROPERTY = "tandem.serialization.allow";

  private final String providerClassName;
  private final boolean storeByValue;

  CacheType(String providerClassName, boolean storeByValue) {
    this.providerClassName = providerClassName;
    this.storeByValue = storeByValue;
  }

  /** Whether this type stores by value (copies on put and get). */
  public boolean isStoreByValue() {
    return storeByValue;
  }

  /** Whether the provider's classes are on the classpath; the map is always available. */
  public boolean isAvailable() {
    if (providerClassName == null) {
      return true;
    }
    try {
      Class.forName(providerClassName, false, CacheType.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A new, empty cache of this type; close it when done. */
  public BenchmarkCache<Integer, Payload> create() {
    if (providerClassName == null) {
      return new MapCache<>(new ConcurrentHashMap<>());
    }
    var classLoader = CacheType.class.getClassLoader();
    var provider = Caching.getCachingProvider(providerClassName, classLoader);
    var properties = new Properties();
    if (providerClassName.equals(Providers.TANDEM)) {
      properties.setProperty(TANDEM_ALLOW_PROPERTY, Payload.class.getName());
    }
    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), classLoader, properties);
    var configuration = new MutableConfiguration<Integer, Payload>()
        .setTypes(Integer.class, Payload.class)
        .setStoreByValue(storeByValue)
        .setStatisticsEnabled(false)
        .setManagementEnabled(false);
    return new JCacheCache<>(manager, manager.createCache(name(), configuration));
  }

  /** The providers' class names, kept apart so the constants above stay readable. */
  private static final class Providers {
    static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
    static final String TANDEM = "io.tandem.jcache.TandemCachingProvider";
  }

  /** A {@code ConcurrentHashMap}. */
  private record MapCache<K, V>(ConcurrentHashMap<K, V> map) implements BenchmarkCache<K, V> {
    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void close() {
      map.clear();
    }
  }

  /** A JCache {@code Cache} and the manager that owns it. */
  private record JCacheCache<K, V>(CacheManager manager, Cache<K, V> cache)
      implements BenchmarkCache<K, V> {
    @Override
    public V get(K key) {
      return cache.get(key);
    }

    @Override
    public void put(K key, V value) {
      cache.put(key, value);
    }

    @Override
    public void close() {
      manager.destroyCache(cache.getName());
      manager.close();
    }
  }
}
