package io.tandem.jcache;

import io.tandem.jcache.config.ManagerSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Tandem's JCache provider, found through {@code META-INF/services}. It keeps one
 * {@link TandemCacheManager} per (URI, ClassLoader) until that manager is closed.
 *
 * <p>The default URI, {@value #DEFAULT_URI_STRING}, reads {@code tandem.xml} from the class path
 * when there is one; {@code classpath:} and {@code file:} URIs name a configuration file; any other
 * URI simply names a manager with the default settings.
 */
public final class TandemCachingProvider implements CachingProvider {

  static final String DEFAULT_URI_STRING = "tandem:default";

  /** One daemon thread for all providers: it only schedules the reclaiming of expired entries. */
  static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tandem-expiry");
    t.setDaemon(true);
    return t;
  });

  private final Map<ClassLoader, Map<URI, TandemCacheManager>> managers = new WeakHashMap<>();

  @Override
  public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader,
      Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties props = properties == null ? new Properties() : properties;
    return managers.computeIfAbsent(loader, l -> new HashMap<>())
        .computeIfAbsent(managerUri, u -> new TandemCacheManager(this, u, loader, props));
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return ManagerSettings.DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    for (TandemCacheManager manager : snapshot(null)) {
      manager.close();
    }
  }

  @Override
  public void close(ClassLoader classLoader) {
    for (TandemCacheManager manager : snapshot(classLoader == null ? getDefaultClassLoader() : classLoader)) {
      manager.close();
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    TandemCacheManager manager;
    synchronized (this) {
      var byUri = managers.get(classLoader == null ? getDefaultClassLoader() : classLoader);
      manager = byUri == null ? null : byUri.get(uri == null ? getDefaultURI() : uri);
    }
    if (manager != null) {
      manager.close();
    }
  }

  private synchronized List<TandemCacheManager> snapshot(ClassLoader only) {
    if (only != null) {
      var byUri = managers.get(only);
      return byUri == null ? List.of() : List.copyOf(byUri.values());
    }
    return managers.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  synchronized void forget(TandemCacheManager manager) {
    var byUri = managers.get(manager.getClassLoader());
    if (byUri != null) {
      byUri.remove(manager.getURI(), manager);
      if (byUri.isEmpty()) {
        managers.remove(manager.getClassLoader());
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    Objects.requireNonNull(optionalFeature, "optionalFeature");
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
  }

  @Override
  public String toString() {
    return "TandemCachingProvider";
  }
}
