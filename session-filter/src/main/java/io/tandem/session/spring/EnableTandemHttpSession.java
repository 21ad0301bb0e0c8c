package io.tandem.session.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

/**
 * Puts Spring Session on a Tandem cache: on a {@code @Configuration} class, it defines a
 * {@link TandemIndexedSessionRepository} bean and Spring Session's {@code SessionRepositoryFilter}
 * ({@code springSessionRepositoryFilter}) in front of it. See {@link TandemHttpSessionConfiguration}
 * for where the cache comes from, and docs/spring.md.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Import(TandemHttpSessionConfiguration.class)
public @interface EnableTandemHttpSession {

  /** The session cache; the filter's default, so both share sessions unless told otherwise. */
  String cacheName() default TandemIndexedSessionRepository.DEFAULT_CACHE_NAME;

  /**
   * The URI of the Tandem cache manager, e.g. {@code classpath:tandem.xml}; empty (default): the
   * application's {@code javax.cache.CacheManager} bean if it has exactly one, else Tandem's
   * default manager.
   */
  String cacheManagerUri() default "";

  /** Idle seconds before a session expires; negative: never. Default 1800. */
  int maxInactiveIntervalInSeconds() default
      TandemIndexedSessionRepository.DEFAULT_MAX_INACTIVE_INTERVAL_SECONDS;

  /** When changes are written: {@code ON_SAVE} (default) or {@code IMMEDIATE}. */
  FlushMode flushMode() default FlushMode.ON_SAVE;

  /** Which attributes a save writes: {@code ON_SET_ATTRIBUTE} (default), {@code ON_GET_ATTRIBUTE}, {@code ALWAYS}. */
  SaveMode saveMode() default SaveMode.ON_SET_ATTRIBUTE;
}
