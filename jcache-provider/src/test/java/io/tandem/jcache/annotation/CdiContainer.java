package io.tandem.jcache.annotation;

import io.tandem.jcache.annotation.key.ParameterKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container for one test: no discovery, only the given bean classes, the extension, and
 * {@link ManagerProducer}, which makes a Tandem manager of its own (a unique URI) the
 * {@code CacheManager} bean the annotations use. That manager allows {@link ParameterKey} and the
 * test model for its by-value caches, so no {@code tandem.xml} is needed on the class path.
 */
final class CdiContainer implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile CacheManager current;

  private final WeldContainer weld;
  private final CacheManager manager;

  private CdiContainer(WeldContainer weld) {
    this.weld = weld;
    this.manager = weld.select(CacheManager.class).get();
    current = manager;
  }

  /** The manager of the container started last, for classes the tests create without CDI. */
  static CacheManager currentManager() {
    return current;
  }

  /** With the {@code CacheManager} bean from {@link ManagerProducer}. */
  static CdiContainer start(Class<?>... beanClasses) {
    return startWith(ManagerProducer.class, beanClasses);
  }

  /** Without a {@code CacheManager} bean: the default manager of the default provider is used. */
  static WeldContainer startWithoutManager(Class<?>... beanClasses) {
    return weld(beanClasses).initialize();
  }

  private static CdiContainer startWith(Class<?> producer, Class<?>... beanClasses) {
    return new CdiContainer(weld(beanClasses).addBeanClass(producer).initialize());
  }

  private static Weld weld(Class<?>... beanClasses) {
    return new Weld("tandem-cdi-test-" + COUNTER.incrementAndGet())
        .disableDiscovery()
        .addExtension(new CacheAnnotationsExtension())
        .addBeanClasses(beanClasses);
  }

  <T> T bean(Class<T> type) {
    return weld.select(type).get();
  }

  CacheManager manager() {
    return manager;
  }

  @Override
  public void close() {
    try {
      weld.shutdown();
    } finally {
      manager.close();
    }
  }

  /** One fresh Tandem manager per container. */
  static final class ManagerProducer {

    @Produces
    @Singleton
    CacheManager cacheManager() {
      Properties properties = new Properties();
      properties.setProperty("tandem.serialization.allow",
          ParameterKey.class.getName() + ",io.tandem.jcache.annotation.model.*");
      return Caching.getCachingProvider().getCacheManager(
          URI.create("tandem:cdi-test-" + COUNTER.incrementAndGet()),
          CdiContainer.class.getClassLoader(), properties);
    }
  }
}
