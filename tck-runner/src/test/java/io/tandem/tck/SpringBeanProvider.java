package io.tandem.tck;

import javax.cache.annotation.BeanProvider;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The TCK's {@link BeanProvider} SPI (registered in {@code META-INF/services}): without one the TCK
 * silently excludes its 12 annotation tests. The annotated TCK beans are proxied by Spring's JCache
 * interceptor ({@code spring-context-support}) over Tandem's default {@code CacheManager}.
 *
 * <p>The TCK asks for the concrete {@code manager.*} classes, so the proxies are subclass (CGLIB)
 * proxies ({@code proxyTargetClass = true}).
 */
public final class SpringBeanProvider implements BeanProvider {

  private volatile AnnotationConfigApplicationContext context;

  /** Called by {@link java.util.ServiceLoader}. */
  public SpringBeanProvider() {}

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return context().getBean(beanClass);
  }

  private AnnotationConfigApplicationContext context() {
    AnnotationConfigApplicationContext result = context;
    if (result == null) {
      synchronized (this) {
        result = context;
        if (result == null) {
          result = new AnnotationConfigApplicationContext(AnnotationTestConfiguration.class);
          result.registerShutdownHook();
          context = result;
        }
      }
    }
    return result;
  }

  /** The Spring context: JCache annotation interception plus the 3 TCK blog managers. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching(proxyTargetClass = true)
  static class AnnotationTestConfiguration {

    @Bean
    TckJCacheCacheManager cacheManager() {
      return new TckJCacheCacheManager();
    }

    @Bean
    ClassLevelCacheConfigBlogManagerImpl classLevelCacheConfigBlogManager() {
      return new ClassLevelCacheConfigBlogManagerImpl();
    }

    @Bean
    CacheNameOnEachMethodBlogManagerImpl cacheNameOnEachMethodBlogManager() {
      return new CacheNameOnEachMethodBlogManagerImpl();
    }

    @Bean
    UsingDefaultCacheNameBlogManagerImpl usingDefaultCacheNameBlogManager() {
      return new UsingDefaultCacheNameBlogManagerImpl();
    }
  }
}
