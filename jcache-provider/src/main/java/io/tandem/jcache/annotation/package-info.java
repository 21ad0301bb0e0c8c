/**
 * The JSR-107 annotations ({@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove},
 * {@code @CacheRemoveAll}, with {@code @CacheDefaults}, {@code @CacheKey}, {@code @CacheValue})
 * for CDI 4 containers: {@link io.tandem.jcache.annotation.CacheAnnotationsExtension}, the portable
 * extension that registers them as interceptor bindings and adds the interceptors, and
 * {@link io.tandem.jcache.annotation.DefaultCacheResolverFactory}, the default way a method finds
 * its cache. See {@code docs/cdi.md}.
 *
 * <p>Works with any JCache provider: it uses only {@code javax.cache} to reach caches, and
 * Tandem only as {@code Caching.getCachingProvider()}'s default. It imports nothing from other
 * Tandem packages but {@link io.tandem.jcache.annotation.key}. The CDI, interceptor and inject APIs
 * are {@code provided} dependencies: only a CDI container loads this package, so applications
 * without CDI never touch it.
 */
package io.tandem.jcache.annotation;
