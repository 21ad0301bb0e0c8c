package io.tandem.jcache.annotation;

import java.util.List;

/**
 * JSR-107's rule for which exceptions cause a cache operation ({@code cachedExceptions} /
 * {@code nonCachedExceptions}, {@code cacheFor} / {@code noCacheFor}, {@code evictFor} /
 * {@code noEvictFor}): with both lists empty the answer is {@code whenBothEmpty}; otherwise an
 * exception matches when it is an instance of an included class (or the include list is empty)
 * and of no excluded class.
 */
record ExceptionFilter(List<Class<? extends Throwable>> include,
    List<Class<? extends Throwable>> exclude, boolean whenBothEmpty) {

  static ExceptionFilter of(Class<? extends Throwable>[] include,
      Class<? extends Throwable>[] exclude, boolean whenBothEmpty) {
    return new ExceptionFilter(List.of(include), List.of(exclude), whenBothEmpty);
  }

  boolean matches(Throwable thrown) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return whenBothEmpty;
    }
    return (include.isEmpty() || isInstance(include, thrown)) && !isInstance(exclude, thrown);
  }

  private static boolean isInstance(List<Class<? extends Throwable>> types, Throwable thrown) {
    for (Class<? extends Throwable> type : types) {
      if (type.isInstance(thrown)) {
        return true;
      }
    }
    return false;
  }
}
