package io.tandem.session.spring;

import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.store.SessionRepository;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.session.FlushMode;
import org.springframework.session.IndexResolver;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/**
 * What {@link EnableTandemHttpSession} imports: Spring Session's web configuration (the
 * {@code SessionRepositoryFilter}, cookie serializer, listener adapter) and a
 * {@link TandemIndexedSessionRepository} on the Tandem cache named by the annotation.
 *
 * <p>The cache manager: a {@code javax.cache.CacheManager} bean qualified
 * {@code "tandemSessionCacheManager"} if there is one; else the annotation's
 * {@code cacheManagerUri}; else the only {@code javax.cache.CacheManager} bean (Spring Boot makes
 * one from {@code spring.cache.jcache.*}); else Tandem's default manager. The cache is created,
 * by reference and typed like the filter's, when the manager does not declare it.
 * {@link SessionRepositoryCustomizer} beans see the repository last.
 */
@Configuration(proxyBeanMethods = false)
public class TandemHttpSessionConfiguration extends SpringHttpSessionConfiguration
    implements ImportAware {

  /** The qualifier of a cache manager meant for sessions only. */
  public static final String SESSION_CACHE_MANAGER = "tandemSessionCacheManager";

  private String cacheName = TandemIndexedSessionRepository.DEFAULT_CACHE_NAME;
  private String cacheManagerUri = "";
  private Duration maxInactiveInterval =
      Duration.ofSeconds(TandemIndexedSessionRepository.DEFAULT_MAX_INACTIVE_INTERVAL_SECONDS);
  private FlushMode flushMode = FlushMode.ON_SAVE;
  private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;

  @Override
  public void setImportMetadata(AnnotationMetadata metadata) {
    Map<String, Object> a =
        metadata.getAnnotationAttributes(EnableTandemHttpSession.class.getName());
    if (a == null) {
      return;
    }
    cacheName = (String) a.get("cacheName");
    cacheManagerUri = (String) a.get("cacheManagerUri");
    maxInactiveInterval = Duration.ofSeconds((Integer) a.get("maxInactiveIntervalInSeconds"));
    flushMode = (FlushMode) a.get("flushMode");
    saveMode = (SaveMode) a.get("saveMode");
  }

  @Bean
  public TandemIndexedSessionRepository sessionRepository(
      @Qualifier(SESSION_CACHE_MANAGER) ObjectProvider<CacheManager> sessionCacheManager,
      ObjectProvider<CacheManager> cacheManagers,
      ObjectProvider<IndexResolver<Session>> indexResolver,
      ObjectProvider<SessionRepositoryCustomizer<TandemIndexedSessionRepository>> customizers,
      ApplicationEventPublisher publisher) {
    CacheManager manager = sessionCacheManager.getIfAvailable();
    if (manager == null && !cacheManagerUri.isEmpty()) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      manager = Caching.getCachingProvider(TandemCachingProvider.class.getName(), loader)
          .getCacheManager(URI.create(cacheManagerUri), loader);
    }
    if (manager == null) {
      manager = cacheManagers.getIfUnique();
    }
    if (manager == null) {
      manager = Caching.getCachingProvider(TandemCachingProvider.class.getName())
          .getCacheManager();
    }
    TandemIndexedSessionRepository repository =
        new TandemIndexedSessionRepository(SessionRepository.openCache(manager, cacheName));
    repository.setDefaultMaxInactiveInterval(maxInactiveInterval);
    repository.setFlushMode(flushMode);
    repository.setSaveMode(saveMode);
    indexResolver.ifAvailable(repository::setIndexResolver);
    repository.setApplicationEventPublisher(publisher);
    customizers.orderedStream().forEach(c -> c.customize(repository));
    return repository;
  }
}
