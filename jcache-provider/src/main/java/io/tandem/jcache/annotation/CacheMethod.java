package io.tandem.jcache.annotation;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * One annotated method, resolved once: its cache name, {@link CacheResolver}(s), key generator,
 * key and value parameters. {@link #invoke} runs one call of it as JSR-107 specifies for its
 * annotation. Immutable and thread-safe; the caches themselves are resolved on every call.
 */
abstract sealed class CacheMethod<A extends Annotation> {

  private final MethodDetails<A> details;
  private final List<Set<Annotation>> parameterAnnotations;
  private final int[] keyParameters;
  private final int valueParameter;
  final CacheResolver resolver;

  CacheMethod(MethodDetails<A> details, List<Set<Annotation>> parameterAnnotations,
      int[] keyParameters, int valueParameter, CacheResolver resolver) {
    this.details = details;
    this.parameterAnnotations = parameterAnnotations;
    this.keyParameters = keyParameters;
    this.valueParameter = valueParameter;
    this.resolver = resolver;
  }

  MethodDetails<A> details() {
    return details;
  }

  List<Set<Annotation>> parameterAnnotations() {
    return parameterAnnotations;
  }

  int[] keyParameters() {
    return keyParameters;
  }

  /** The {@code @CacheValue} position for {@code @CachePut}, else -1. */
  int valueParameter() {
    return valueParameter;
  }

  /** Runs the intercepted call with this method's cache semantics. */
  abstract Object invoke(InvocationContext context) throws Exception;

  final Cache<Object, Object> cache(MethodInvocation<A> invocation) {
    Cache<Object, Object> cache = resolver.resolveCache(invocation);
    if (cache == null) {
      throw new IllegalStateException("The CacheResolver " + resolver + " resolved no cache for "
          + CacheAnnotations.describe(details.method()) + " (cache name '" + details.cacheName()
          + "')");
    }
    return cache;
  }

  /**
   * Throws {@code thrown} unchanged, checked or not: a cached exception is rethrown as the method
   * threw it, even where the compiler cannot see that the method declares it.
   */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException rethrow(Throwable thrown) throws T {
    throw (T) thrown;
  }

  /** {@code @CacheResult}: return the cached value, else call the method and cache its result. */
  static final class Result extends CacheMethod<CacheResult> {

    private final CacheKeyGenerator keys;
    private final CacheResolver exceptionResolver; // null without an exceptionCacheName
    private final ExceptionFilter cachedExceptions;

    Result(MethodDetails<CacheResult> details, List<Set<Annotation>> parameterAnnotations,
        int[] keyParameters, CacheResolver resolver, CacheKeyGenerator keys,
        CacheResolver exceptionResolver) {
      super(details, parameterAnnotations, keyParameters, -1, resolver);
      this.keys = keys;
      this.exceptionResolver = exceptionResolver;
      CacheResult annotation = details.cacheAnnotation();
      this.cachedExceptions = ExceptionFilter.of(
          annotation.cachedExceptions(), annotation.nonCachedExceptions(), true);
    }

    @Override
    Object invoke(InvocationContext context) throws Exception {
      MethodInvocation<CacheResult> invocation = new MethodInvocation<>(this, context);
      Cache<Object, Object> cache = cache(invocation);
      GeneratedCacheKey key = keys.generateCacheKey(invocation);
      if (!details().cacheAnnotation().skipGet()) {
        Object cached = cache.get(key);
        if (cached != null) {
          return cached;
        }
        if (exceptionResolver != null) {
          Object thrown = exceptionCache(invocation).get(key);
          if (thrown instanceof Throwable throwable) {
            throw rethrow(throwable);
          }
        }
      }
      Object result;
      try {
        result = context.proceed();
      } catch (Throwable thrown) {
        if (exceptionResolver != null && cachedExceptions.matches(thrown)) {
          try {
            exceptionCache(invocation).put(key, thrown);
          } catch (RuntimeException notCached) {
            // The method's exception is what the caller must see; keep the caching failure.
            thrown.addSuppressed(notCached);
          }
        }
        throw thrown;
      }
      // A JCache cannot hold null: a null result is returned but not cached, so the method runs
      // again next time.
      if (result != null) {
        cache.put(key, result);
      }
      return result;
    }

    private Cache<Object, Object> exceptionCache(MethodInvocation<CacheResult> invocation) {
      Cache<Object, Object> cache = exceptionResolver.resolveCache(invocation);
      if (cache == null) {
        throw new IllegalStateException("The CacheResolver " + exceptionResolver
            + " resolved no exception cache for " + CacheAnnotations.describe(details().method())
            + " (exceptionCacheName '" + details().cacheAnnotation().exceptionCacheName() + "')");
      }
      return cache;
    }
  }

  /** {@code @CachePut}: store the {@code @CacheValue} argument under the key. */
  static final class Put extends CacheMethod<CachePut> {

    private final CacheKeyGenerator keys;
    private final ExceptionFilter cacheFor;

    Put(MethodDetails<CachePut> details, List<Set<Annotation>> parameterAnnotations,
        int[] keyParameters, int valueParameter, CacheResolver resolver, CacheKeyGenerator keys) {
      super(details, parameterAnnotations, keyParameters, valueParameter, resolver);
      this.keys = keys;
      CachePut annotation = details.cacheAnnotation();
      this.cacheFor = ExceptionFilter.of(annotation.cacheFor(), annotation.noCacheFor(), false);
    }

    @Override
    Object invoke(InvocationContext context) throws Exception {
      MethodInvocation<CachePut> invocation = new MethodInvocation<>(this, context);
      Cache<Object, Object> cache = cache(invocation);
      GeneratedCacheKey key = keys.generateCacheKey(invocation);
      Object value = invocation.argument(valueParameter());
      boolean after = details().cacheAnnotation().afterInvocation();
      if (!after) {
        put(cache, key, value);
      }
      Object result;
      try {
        result = context.proceed();
      } catch (Throwable thrown) {
        if (after && cacheFor.matches(thrown)) {
          put(cache, key, value);
        }
        throw thrown;
      }
      if (after) {
        put(cache, key, value);
      }
      return result;
    }

    /** A null value removes the key: the cache must not keep serving the value it replaces. */
    private static void put(Cache<Object, Object> cache, GeneratedCacheKey key, Object value) {
      if (value == null) {
        cache.remove(key);
      } else {
        cache.put(key, value);
      }
    }
  }

  /** {@code @CacheRemove}: remove the key. */
  static final class Remove extends CacheMethod<CacheRemove> {

    private final CacheKeyGenerator keys;
    private final ExceptionFilter evictFor;

    Remove(MethodDetails<CacheRemove> details, List<Set<Annotation>> parameterAnnotations,
        int[] keyParameters, CacheResolver resolver, CacheKeyGenerator keys) {
      super(details, parameterAnnotations, keyParameters, -1, resolver);
      this.keys = keys;
      CacheRemove annotation = details.cacheAnnotation();
      this.evictFor = ExceptionFilter.of(annotation.evictFor(), annotation.noEvictFor(), false);
    }

    @Override
    Object invoke(InvocationContext context) throws Exception {
      MethodInvocation<CacheRemove> invocation = new MethodInvocation<>(this, context);
      Cache<Object, Object> cache = cache(invocation);
      GeneratedCacheKey key = keys.generateCacheKey(invocation);
      boolean after = details().cacheAnnotation().afterInvocation();
      if (!after) {
        cache.remove(key);
      }
      Object result;
      try {
        result = context.proceed();
      } catch (Throwable thrown) {
        if (after && evictFor.matches(thrown)) {
          cache.remove(key);
        }
        throw thrown;
      }
      if (after) {
        cache.remove(key);
      }
      return result;
    }
  }

  /** {@code @CacheRemoveAll}: empty the cache. */
  static final class RemoveAll extends CacheMethod<CacheRemoveAll> {

    private final ExceptionFilter evictFor;

    RemoveAll(MethodDetails<CacheRemoveAll> details, List<Set<Annotation>> parameterAnnotations,
        CacheResolver resolver) {
      super(details, parameterAnnotations, new int[0], -1, resolver);
      CacheRemoveAll annotation = details.cacheAnnotation();
      this.evictFor = ExceptionFilter.of(annotation.evictFor(), annotation.noEvictFor(), false);
    }

    @Override
    Object invoke(InvocationContext context) throws Exception {
      MethodInvocation<CacheRemoveAll> invocation = new MethodInvocation<>(this, context);
      Cache<Object, Object> cache = cache(invocation);
      boolean after = details().cacheAnnotation().afterInvocation();
      if (!after) {
        cache.removeAll();
      }
      Object result;
      try {
        result = context.proceed();
      } catch (Throwable thrown) {
        if (after && evictFor.matches(thrown)) {
          cache.removeAll();
        }
        throw thrown;
      }
      if (after) {
        cache.removeAll();
      }
      return result;
    }
  }
}
