package io.tandem.jcache.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Where JSR-107 looks for a method's cache annotation, its {@link CacheDefaults} and its default
 * cache name, and what makes an annotated method invalid. Reads annotations by reflection.
 */
final class CacheAnnotations {

  /** The four annotations that make a method cached; a method has at most one. */
  static final List<Class<? extends Annotation>> TYPES =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  private CacheAnnotations() {}

  /**
   * The cache annotation that governs {@code method} called on an instance of {@code beanClass}:
   * the method's own, else the one on the nearest class from {@code beanClass} up that has one
   * (a class-level annotation covers every business method). {@code null} if there is none.
   *
   * @throws IllegalStateException if the method, or the class the annotation is taken from,
   *     carries more than one of the four
   */
  static Annotation find(Method method, Class<?> beanClass) {
    Annotation onMethod = single(method.getAnnotations(), "method " + describe(method));
    if (onMethod != null) {
      return onMethod;
    }
    for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
      Annotation onClass = single(c.getDeclaredAnnotations(), "class " + c.getName());
      if (onClass != null) {
        return onClass;
      }
    }
    return null;
  }

  /**
   * The {@link CacheDefaults} for {@code method}: the one on the class that declares it, else the
   * nearest one from {@code beanClass} up; {@code null} if there is none.
   */
  static CacheDefaults defaults(Method method, Class<?> beanClass) {
    CacheDefaults declared = method.getDeclaringClass().getAnnotation(CacheDefaults.class);
    if (declared != null) {
      return declared;
    }
    for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
      CacheDefaults found = c.getDeclaredAnnotation(CacheDefaults.class);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The cache name JSR-107 generates when neither the annotation nor {@link CacheDefaults} names
   * one: {@code package.Class.method(package.ParameterType,...)}, the class being the one that
   * declares the method and the types spelled as {@link Class#getName()} does.
   */
  static String defaultCacheName(Method method) {
    StringJoiner name = new StringJoiner(",",
        method.getDeclaringClass().getName() + "." + method.getName() + "(", ")");
    for (Class<?> type : method.getParameterTypes()) {
      name.add(type.getName());
    }
    return name.toString();
  }

  /** The index of the {@link CacheValue} parameter, or -1; fails if there are several. */
  static int valueParameter(Method method) {
    int found = -1;
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof CacheValue) {
          if (found >= 0) {
            throw new IllegalStateException("@CachePut method " + describe(method)
                + " has more than one @CacheValue parameter; mark exactly one");
          }
          found = i;
        }
      }
    }
    return found;
  }

  /**
   * What is wrong with {@code method} on {@code beanClass} as a cached method, for deployment
   * errors; empty when it is fine or not cached at all.
   */
  static List<String> problems(Method method, Class<?> beanClass) {
    List<String> problems = new ArrayList<>();
    Annotation annotation;
    try {
      annotation = find(method, beanClass);
    } catch (IllegalStateException e) {
      problems.add(e.getMessage());
      return problems;
    }
    if (annotation instanceof CachePut) {
      try {
        if (valueParameter(method) < 0) {
          problems.add("@CachePut method " + describe(method)
              + " has no @CacheValue parameter: mark the parameter to cache with @CacheValue");
        }
      } catch (IllegalStateException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /** {@code package.Class.method(package.ParameterType,...)}, for messages. */
  static String describe(Method method) {
    return defaultCacheName(method);
  }

  private static Annotation single(Annotation[] annotations, String where) {
    Annotation found = null;
    for (Annotation a : annotations) {
      if (TYPES.contains(a.annotationType())) {
        if (found != null) {
          throw new IllegalStateException("@" + found.annotationType().getSimpleName() + " and @"
              + a.annotationType().getSimpleName() + " on " + where
              + ": JSR-107 allows one cache annotation per method or class; keep one");
        }
        found = a;
      }
    }
    return found;
  }
}
