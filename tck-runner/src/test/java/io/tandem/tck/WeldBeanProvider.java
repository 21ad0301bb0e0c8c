package io.tandem.tck;

import io.tandem.jcache.annotation.CacheAnnotationsExtension;
import javax.cache.annotation.BeanProvider;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A {@link BeanProvider} backed by Weld SE 5 (CDI 4.0) and Tandem's own JSR-107 interceptors,
 * {@link CacheAnnotationsExtension}; selected by {@code tck.beanProvider=cdi}.
 *
 * <p>Discovery is off: the TCK's {@code cache-tests} jar carries a {@code beans.xml} of the old
 * {@code java.sun.com} namespace and its {@code manager.*} classes have no bean-defining
 * annotation, so the three blog managers are added as bean classes (Dependent), and the extension
 * explicitly (with discovery off, Weld SE does not read {@code META-INF/services} extensions).
 * Weld's subclass proxies are what the TCK needs: it asks for the concrete classes.
 */
public final class WeldBeanProvider implements BeanProvider {

  private volatile WeldContainer container;

  /** Created by {@link SelectedBeanProvider}. */
  public WeldBeanProvider() {}

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return container().select(beanClass).get();
  }

  private WeldContainer container() {
    WeldContainer result = container;
    if (result == null) {
      synchronized (this) {
        result = container;
        if (result == null) {
          result = new Weld("tck-annotations")
              .disableDiscovery()
              .addExtension(new CacheAnnotationsExtension())
              .addBeanClasses(ClassLevelCacheConfigBlogManagerImpl.class,
                  CacheNameOnEachMethodBlogManagerImpl.class,
                  UsingDefaultCacheNameBlogManagerImpl.class)
              .initialize(); // Weld SE registers a shutdown hook itself
          container = result;
        }
      }
    }
    return result;
  }
}
