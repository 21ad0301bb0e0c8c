/**
 * Tandem's JCache provider: {@link io.tandem.jcache.TandemCachingProvider} (found through
 * {@code META-INF/services}), {@link io.tandem.jcache.TandemCacheManager} and the public
 * {@link io.tandem.jcache.TandemCache} interface with what JCache lacks (per-entry time-to-live,
 * size, clean-up). Everything else is reached through {@code javax.cache}.
 */
package io.tandem.jcache;
