package io.tandem.session.it;

import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.store.SessionState;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The session store the nodes of a two-node test share. Today {@link #local()}: both nodes use
 * the same cache of one manager in this JVM. A clustered store gives each node the cache of its
 * own cluster member; the suites do not change. Chosen with {@code -Dtandem.session.store}.
 */
interface SharedStore extends AutoCloseable {

  /** The cache node {@code index} (0, 1, ...) should use. */
  Cache<String, SessionState> cacheFor(int index);

  /** Reclaims expired sessions on every member now (as the background sweep would). */
  void cleanUp();

  @Override
  void close();

  static SharedStore fromSystemProperty() {
    String kind = System.getProperty("tandem.session.store", "local");
    if (!kind.equals("local")) {
      throw new IllegalArgumentException("Unknown tandem.session.store=" + kind
          + "; known: local (clustered stores arrive with the cluster layer)");
    }
    return local();
  }

  /** One manager, one cache: same URI and class loader means the same manager for all nodes. */
  static SharedStore local() {
    Properties properties = new Properties();
    properties.setProperty("tandem.serialization.allow", CountingBinding.class.getName());
    CacheManager manager = Caching
        .getCachingProvider(TandemCachingProvider.class.getName())
        .getCacheManager(URI.create("tandem:shared-store-" + UUID.randomUUID()),
            SharedStore.class.getClassLoader(), properties);
    Cache<String, SessionState> cache = manager.createCache("sessions",
        new MutableConfiguration<String, SessionState>()
            .setTypes(String.class, SessionState.class).setStoreByValue(false));
    return new SharedStore() {
      @Override
      public Cache<String, SessionState> cacheFor(int index) {
        return cache;
      }

      @Override
      public void cleanUp() {
        cache.unwrap(io.tandem.jcache.TandemCache.class).cleanUp();
      }

      @Override
      public void close() {
        manager.close();
      }
    };
  }
}
