/**
 * JMH benchmarks of Tandem against other JCache providers and a plain {@code ConcurrentHashMap}.
 *
 * <p>Code here uses the {@code javax.cache} API only and picks each provider by class name
 * ({@link io.tandem.benchmarks.CacheType}); it must not import any provider's classes, so that the
 * numbers measure what an application sees through JCache.
 */
package io.tandem.benchmarks;
