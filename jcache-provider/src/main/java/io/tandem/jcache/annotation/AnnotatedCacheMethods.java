package io.tandem.jcache.annotation;

import io.tandem.jcache.annotation.key.ParameterKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * The application's annotated methods, each resolved to a {@link CacheMethod} on its first call,
 * and the {@link CacheResolverFactory} and {@link CacheKeyGenerator} instances they use. One per
 * CDI container, shared by the four interceptors.
 *
 * <p>A factory or generator class named in an annotation is taken from CDI when a bean of that
 * class is resolvable, else instantiated once through its no-argument constructor. When no
 * annotation names one, the default is, in this order: a resolvable {@code @Default} bean of type
 * {@code CacheResolverFactory}; {@link DefaultCacheResolverFactory} over a resolvable
 * {@code @Default} bean of type {@link CacheManager}; {@link DefaultCacheResolverFactory} over
 * {@code Caching.getCachingProvider().getCacheManager()}. Likewise a resolvable {@code @Default}
 * {@code CacheKeyGenerator} bean replaces {@link ParameterKeyGenerator}.
 */
@ApplicationScoped
class AnnotatedCacheMethods {

  private static final Set<Annotation> NO_ANNOTATIONS = Set.of();

  @Inject
  BeanManager beanManager;

  private final ConcurrentHashMap<MethodKey, Optional<CacheMethod<?>>> methods =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Class<?>, Object> instances = new ConcurrentHashMap<>();
  private volatile CacheResolverFactory defaultResolverFactory;
  private volatile CacheKeyGenerator defaultKeyGenerator;

  /** For CDI (and its client proxy). */
  AnnotatedCacheMethods() {}

  /**
   * Runs the intercepted call through the method's cache annotation if that annotation is
   * {@code binding}, else just proceeds: a method may be reached by several of the four
   * interceptors (a class-level {@code @CacheResult} and a method-level {@code @CacheRemove}) but
   * only its own annotation acts.
   */
  Object intercept(InvocationContext context, Class<? extends Annotation> binding)
      throws Exception {
    Object target = context.getTarget();
    Method method = context.getMethod();
    if (target == null || method == null) {
      return context.proceed();
    }
    Optional<CacheMethod<?>> cacheMethod = lookUp(new MethodKey(target.getClass(), method));
    if (cacheMethod.isEmpty()
        || cacheMethod.get().details().cacheAnnotation().annotationType() != binding) {
      return context.proceed();
    }
    return cacheMethod.get().invoke(context);
  }

  private Optional<CacheMethod<?>> lookUp(MethodKey key) {
    Optional<CacheMethod<?>> found = methods.get(key);
    if (found == null) {
      // Not computeIfAbsent: resolving runs application code (factories) that may itself call
      // cached methods, and a ConcurrentHashMap must not be updated from inside its own update.
      found = Optional.ofNullable(resolve(key.method(), key.beanClass()));
      Optional<CacheMethod<?>> raced = methods.putIfAbsent(key, found);
      if (raced != null) {
        found = raced;
      }
    }
    return found;
  }

  private CacheMethod<?> resolve(Method method, Class<?> beanClass) {
    Annotation annotation = CacheAnnotations.find(method, beanClass);
    if (annotation == null) {
      return null;
    }
    CacheDefaults defaults = CacheAnnotations.defaults(method, beanClass);
    List<Set<Annotation>> parameterAnnotations = parameterAnnotations(method);
    if (annotation instanceof CacheResult result) {
      var details = MethodDetails.of(method, result, cacheName(result.cacheName(), defaults, method));
      CacheResolverFactory factory = resolverFactory(result.cacheResolverFactory(), defaults);
      CacheResolver exceptionResolver = result.exceptionCacheName().isEmpty()
          ? null : factory.getExceptionCacheResolver(details);
      return new CacheMethod.Result(details, parameterAnnotations,
          keyParameters(parameterAnnotations), factory.getCacheResolver(details),
          keyGenerator(result.cacheKeyGenerator(), defaults), exceptionResolver);
    }
    if (annotation instanceof CachePut put) {
      int valueParameter = CacheAnnotations.valueParameter(method);
      if (valueParameter < 0) {
        throw new IllegalStateException("@CachePut method " + CacheAnnotations.describe(method)
            + " has no @CacheValue parameter: mark the parameter to cache with @CacheValue");
      }
      var details = MethodDetails.of(method, put, cacheName(put.cacheName(), defaults, method));
      return new CacheMethod.Put(details, parameterAnnotations, keyParameters(parameterAnnotations),
          valueParameter, resolverFactory(put.cacheResolverFactory(), defaults)
              .getCacheResolver(details), keyGenerator(put.cacheKeyGenerator(), defaults));
    }
    if (annotation instanceof CacheRemove remove) {
      var details = MethodDetails.of(method, remove,
          cacheName(remove.cacheName(), defaults, method));
      return new CacheMethod.Remove(details, parameterAnnotations,
          keyParameters(parameterAnnotations),
          resolverFactory(remove.cacheResolverFactory(), defaults).getCacheResolver(details),
          keyGenerator(remove.cacheKeyGenerator(), defaults));
    }
    CacheRemoveAll removeAll = (CacheRemoveAll) annotation;
    var details = MethodDetails.of(method, removeAll,
        cacheName(removeAll.cacheName(), defaults, method));
    return new CacheMethod.RemoveAll(details, parameterAnnotations,
        resolverFactory(removeAll.cacheResolverFactory(), defaults).getCacheResolver(details));
  }

  private static String cacheName(String named, CacheDefaults defaults, Method method) {
    if (!named.isEmpty()) {
      return named;
    }
    if (defaults != null && !defaults.cacheName().isEmpty()) {
      return defaults.cacheName();
    }
    return CacheAnnotations.defaultCacheName(method);
  }

  private static List<Set<Annotation>> parameterAnnotations(Method method) {
    List<Set<Annotation>> result = new ArrayList<>();
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      result.add(annotations.length == 0 ? NO_ANNOTATIONS : Set.of(annotations));
    }
    return List.copyOf(result);
  }

  /** The {@code @CacheKey} parameters if any, else all but the {@code @CacheValue} one. */
  private static int[] keyParameters(List<Set<Annotation>> parameterAnnotations) {
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < parameterAnnotations.size(); i++) {
      if (has(parameterAnnotations.get(i), CacheKey.class)) {
        keys.add(i);
      }
    }
    if (keys.isEmpty()) {
      for (int i = 0; i < parameterAnnotations.size(); i++) {
        if (!has(parameterAnnotations.get(i), CacheValue.class)) {
          keys.add(i);
        }
      }
    }
    return keys.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean has(Set<Annotation> annotations, Class<? extends Annotation> type) {
    for (Annotation a : annotations) {
      if (a.annotationType() == type) {
        return true;
      }
    }
    return false;
  }

  private CacheResolverFactory resolverFactory(Class<? extends CacheResolverFactory> named,
      CacheDefaults defaults) {
    if (named != CacheResolverFactory.class) {
      return instance(named);
    }
    if (defaults != null && defaults.cacheResolverFactory() != CacheResolverFactory.class) {
      return instance(defaults.cacheResolverFactory());
    }
    CacheResolverFactory result = defaultResolverFactory;
    if (result == null) {
      result = bean(CacheResolverFactory.class);
      if (result == null) {
        CacheManager manager = bean(CacheManager.class);
        result = manager == null
            ? new DefaultCacheResolverFactory()
            : new DefaultCacheResolverFactory(manager);
      }
      defaultResolverFactory = result;
    }
    return result;
  }

  private CacheKeyGenerator keyGenerator(Class<? extends CacheKeyGenerator> named,
      CacheDefaults defaults) {
    if (named != CacheKeyGenerator.class) {
      return instance(named);
    }
    if (defaults != null && defaults.cacheKeyGenerator() != CacheKeyGenerator.class) {
      return instance(defaults.cacheKeyGenerator());
    }
    CacheKeyGenerator result = defaultKeyGenerator;
    if (result == null) {
      result = bean(CacheKeyGenerator.class);
      if (result == null) {
        result = new ParameterKeyGenerator();
      }
      defaultKeyGenerator = result;
    }
    return result;
  }

  /** The CDI bean of exactly this class if there is one, else one instance made by reflection. */
  private <T> T instance(Class<T> type) {
    Object found = instances.get(type);
    if (found == null) {
      found = bean(type);
      if (found == null) {
        try {
          var constructor = type.getDeclaredConstructor();
          constructor.setAccessible(true);
          found = constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("Cannot create " + type.getName() + ", named in a cache"
              + " annotation: it is not a CDI bean and has no usable no-argument constructor", e);
        }
      }
      Object raced = instances.putIfAbsent(type, found);
      if (raced != null) {
        found = raced;
      }
    }
    return type.cast(found);
  }

  /** The resolvable {@code @Default} bean of {@code type}, or null if there is none. */
  private <T> T bean(Class<T> type) {
    Set<Bean<?>> beans = beanManager.getBeans(type);
    if (beans.isEmpty()) {
      return null;
    }
    Bean<?> bean;
    try {
      bean = beanManager.resolve(beans);
    } catch (AmbiguousResolutionException e) {
      throw new IllegalStateException("Several CDI beans of type " + type.getName() + " could serve"
          + " the cache annotations: " + beans + ". Leave one @Default, or select one with"
          + " @Alternative @Priority", e);
    }
    if (bean == null) {
      return null;
    }
    CreationalContext<?> creation = beanManager.createCreationalContext(bean);
    return type.cast(beanManager.getReference(bean, type, creation));
  }

  /** Methods are resolved per runtime class: class-level annotations depend on it. */
  private record MethodKey(Class<?> beanClass, Method method) {}
}
