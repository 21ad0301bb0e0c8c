package io.tandem.jcache;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Opens a fresh cache manager per test, with the test's own URI. */
abstract class CacheTestSupport {

  protected TandemCacheManager manager;

  @BeforeEach
  void openManager() {
    CachingProvider provider = Caching.getCachingProvider(TandemCachingProvider.class.getName());
    manager = (TandemCacheManager) provider.getCacheManager(
        URI.create("test:" + getClass().getSimpleName() + "-" + UUID.randomUUID()),
        getClass().getClassLoader(), properties());
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  protected Properties properties() {
    var p = new Properties();
    p.setProperty("tandem.serialization.allow", "io.tandem.jcache.AllowedPoint");
    return p;
  }

  protected <K, V> TandemCache<K, V> create(MutableConfiguration<K, V> config) {
    Cache<K, V> cache = manager.createCache("c-" + UUID.randomUUID(), config);
    @SuppressWarnings("unchecked")
    TandemCache<K, V> tandem = cache.unwrap(TandemCache.class);
    return tandem;
  }
}
