package io.tandem.tck;

import java.util.Collection;
import java.util.List;
import javax.cache.CacheException;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Spring's {@link JCacheCacheManager} over {@code Caching.getCachingProvider().getCacheManager()}
 * (Tandem's default manager) for the TCK annotation tests, with three changes:
 *
 * <ul>
 *   <li>a cache the annotations name but that does not exist is created with a default
 *       {@link MutableConfiguration} (the stock manager returns {@code null} for it);
 *   <li>other TCK tests close the caching provider; when the JCache manager or a cache is closed,
 *       the manager is looked up again instead of using a closed one;
 *   <li>a {@code null} method result is not cached: a JCache cannot hold {@code null}, and Spring's
 *       {@code NullValue} placeholder is not a class Tandem's serialization allowlist has to admit.
 * </ul>
 */
final class TckJCacheCacheManager extends JCacheCacheManager {

  TckJCacheCacheManager() {
    super(Caching.getCachingProvider().getCacheManager());
    setAllowNullValues(false);
  }

  @Override
  public Cache getCache(String name) {
    synchronized (this) {
      javax.cache.CacheManager current = getCacheManager();
      if (current == null || current.isClosed()) {
        setCacheManager(Caching.getCachingProvider().getCacheManager());
        initializeCaches();
      }
    }
    Cache cache = super.getCache(name);
    if (cache != null && ((javax.cache.Cache<?, ?>) cache.getNativeCache()).isClosed()) {
      synchronized (this) {
        initializeCaches();
      }
      cache = super.getCache(name);
    }
    return cache;
  }

  /** Caches are created on first use only, see {@link #getMissingCache}. */
  @Override
  protected Collection<Cache> loadCaches() {
    return List.of();
  }

  @Override
  protected Cache getMissingCache(String name) {
    javax.cache.CacheManager manager = getCacheManager();
    javax.cache.Cache<Object, Object> jcache = manager.getCache(name);
    if (jcache == null) {
      try {
        jcache = manager.createCache(name, new MutableConfiguration<>());
      } catch (CacheException alreadyCreated) {
        jcache = manager.getCache(name);
        if (jcache == null) {
          throw alreadyCreated;
        }
      }
    }
    return new NullSkippingJCacheCache(jcache);
  }

  /** A {@link JCacheCache} that ignores {@code put(key, null)}. */
  private static final class NullSkippingJCacheCache extends JCacheCache {

    NullSkippingJCacheCache(javax.cache.Cache<Object, Object> jcache) {
      super(jcache, false);
    }

    @Override
    public void put(Object key, Object value) {
      if (value != null) {
        super.put(key, value);
      }
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
      return value == null ? get(key) : super.putIfAbsent(key, value);
    }
  }
}
