package io.tandem.jcache.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheMethodDetails;

/** What a {@code CacheResolverFactory} learns about an annotated method; immutable. */
record MethodDetails<A extends Annotation>(
    Method method, Set<Annotation> annotations, A cacheAnnotation, String cacheName)
    implements CacheMethodDetails<A> {

  static <A extends Annotation> MethodDetails<A> of(Method method, A cacheAnnotation,
      String cacheName) {
    return new MethodDetails<>(method, Set.of(method.getAnnotations()), cacheAnnotation, cacheName);
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return annotations;
  }

  @Override
  public A getCacheAnnotation() {
    return cacheAnnotation;
  }

  @Override
  public String getCacheName() {
    return cacheName;
  }
}
