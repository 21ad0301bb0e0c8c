package io.tandem.jcache.annotation;

import java.lang.annotation.Annotation;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;

/**
 * The JSR-107 default {@link CacheResolverFactory}: it resolves a method's cache by its
 * {@linkplain CacheMethodDetails#getCacheName() name} in one {@link CacheManager} and creates the
 * cache with a default {@link MutableConfiguration} when it does not exist.
 *
 * <p>Without arguments the manager is {@code Caching.getCachingProvider().getCacheManager()}, the
 * default manager of the only JCache provider on the class path (Tandem's, when Tandem is that
 * provider), looked up again whenever the previous one has been closed. To use another manager,
 * for example one with its own configuration file, pass it to {@link
 * #DefaultCacheResolverFactory(CacheManager)}.
 *
 * <p>Exception caches ({@link CacheResult#exceptionCacheName()}) that do not exist are created
 * store-by-reference when the provider supports it: a {@link Throwable} carries a stack trace, a
 * cause chain and often state no serializer should have to copy, and rethrowing the instance that
 * was thrown is what the caller wants. Tandem's store-by-value codec would refuse most exceptions.
 * A cache created in advance, in configuration or in code, is used as it is.
 *
 * <p>Resolvers look the cache up once and again only when it has been closed. Thread-safe.
 */
public class DefaultCacheResolverFactory implements CacheResolverFactory {

  private final Supplier<CacheManager> manager;

  /** Over the default manager of the default provider, {@link Caching#getCachingProvider()}. */
  public DefaultCacheResolverFactory() {
    this.manager = () -> Caching.getCachingProvider().getCacheManager();
  }

  /**
   * Over this manager; once it is closed, resolving a cache fails with the manager's own
   * {@link IllegalStateException}.
   *
   * @param cacheManager where caches are looked up and created
   */
  public DefaultCacheResolverFactory(CacheManager cacheManager) {
    Objects.requireNonNull(cacheManager, "cacheManager");
    this.manager = () -> cacheManager;
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return new ManagerCacheResolver(manager, details.getCacheName(), false);
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    String name = details.getCacheAnnotation().exceptionCacheName();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("@CacheResult on " + details.getMethod()
          + " names no exceptionCacheName, so it has no exception cache");
    }
    return new ManagerCacheResolver(manager, name, true);
  }

  /** Resolves one cache by name, creating it when missing. */
  private static final class ManagerCacheResolver implements CacheResolver {

    private final Supplier<CacheManager> manager;
    private final String cacheName;
    private final boolean exceptionCache;
    private volatile Cache<Object, Object> cache;

    ManagerCacheResolver(Supplier<CacheManager> manager, String cacheName, boolean exceptionCache) {
      this.manager = manager;
      this.cacheName = cacheName;
      this.exceptionCache = exceptionCache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
      Cache<Object, Object> current = cache;
      if (current == null || current.isClosed()) {
        current = lookUpOrCreate();
        cache = current;
      }
      return (Cache<K, V>) current;
    }

    private Cache<Object, Object> lookUpOrCreate() {
      CacheManager cacheManager = manager.get();
      Cache<Object, Object> found = cacheManager.getCache(cacheName);
      if (found != null) {
        return found;
      }
      MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>();
      if (exceptionCache && cacheManager.getCachingProvider()
          .isSupported(OptionalFeature.STORE_BY_REFERENCE)) {
        configuration.setStoreByValue(false);
      }
      try {
        return cacheManager.createCache(cacheName, configuration);
      } catch (CacheException createdConcurrently) {
        // Another thread (or member) created it between getCache and createCache.
        found = cacheManager.getCache(cacheName);
        if (found == null) {
          throw createdConcurrently;
        }
        return found;
      }
    }

    @Override
    public String toString() {
      return "cache '" + cacheName + "'";
    }
  }
}
