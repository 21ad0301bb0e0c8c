package io.tandem.jcache.annotation;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * The CDI portable extension that makes {@code @CacheResult}, {@code @CachePut},
 * {@code @CacheRemove} and {@code @CacheRemoveAll} work on CDI beans. A CDI 4 container finds it
 * through {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}; nothing else loads it.
 *
 * <ul>
 *   <li>It declares the four annotations interceptor bindings, every member {@link Nonbinding}:
 *       {@code javax.cache.annotation} predates Jakarta, so they carry no
 *       {@code @InterceptorBinding} of their own.
 *   <li>It adds the four interceptors, enabled for the whole application at {@link #PRIORITY}, so
 *       no {@code beans.xml} entry is needed, and the bean they share.
 *   <li>It reports a definition error, at deployment, for a method or class with more than one
 *       of the four annotations, and for a {@code @CachePut} method without exactly one
 *       {@code @CacheValue} parameter.
 * </ul>
 *
 * <p>The {@code tandem-jcache} jar itself is not a bean archive ({@code bean-discovery-mode="none"}),
 * so its classes become beans only through this extension, once.
 */
public class CacheAnnotationsExtension implements Extension {

  /**
   * The interceptors' priority, {@code Interceptor.Priority.LIBRARY_BEFORE + 100}: after the
   * platform's interceptors (such as transactions), before the application's own.
   */
  public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

  private final List<String> problems = new ArrayList<>();

  /** Called by the CDI container. */
  public CacheAnnotationsExtension() {}

  void declareBindingsAndInterceptors(@Observes BeforeBeanDiscovery discovery) {
    for (Class<? extends Annotation> type : CacheAnnotations.TYPES) {
      discovery.configureInterceptorBinding(type).methods()
          .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> type : List.of(AnnotatedCacheMethods.class, CacheResultInterceptor.class,
        CachePutInterceptor.class, CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class)) {
      discovery.addAnnotatedType(type, CacheAnnotationsExtension.class.getName() + "/"
          + type.getSimpleName());
    }
  }

  void checkAnnotatedType(@Observes @WithAnnotations({CacheResult.class, CachePut.class,
      CacheRemove.class, CacheRemoveAll.class}) ProcessAnnotatedType<?> event) {
    AnnotatedType<?> type = event.getAnnotatedType();
    if (type.isAnnotationPresent(Interceptor.class)) {
      return; // our interceptors carry the bindings; they are not cached methods
    }
    for (AnnotatedMethod<?> annotated : type.getMethods()) {
      Method method = annotated.getJavaMember();
      if (!Modifier.isStatic(method.getModifiers()) && !Modifier.isPrivate(method.getModifiers())
          && method.getDeclaringClass() != Object.class) {
        synchronized (problems) {
          problems.addAll(CacheAnnotations.problems(method, type.getJavaClass()));
        }
      }
    }
  }

  void reportProblems(@Observes AfterBeanDiscovery event) {
    synchronized (problems) {
      for (String problem : problems) {
        event.addDefinitionError(new DefinitionException(problem));
      }
      problems.clear();
    }
  }
}
