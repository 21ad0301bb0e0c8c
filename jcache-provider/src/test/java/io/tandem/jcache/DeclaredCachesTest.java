package io.tandem.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.config.TandemConfiguration;
import java.net.URI;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** A manager opened on a configuration file holds the caches the file declares. */
class DeclaredCachesTest {

  private CacheManager open(String uri) {
    return Caching.getCachingProvider(TandemCachingProvider.class.getName())
        .getCacheManager(URI.create(uri), getClass().getClassLoader());
  }

  @Test
  void declaredCachesExistWhenTheManagerOpens() {
    try (CacheManager manager = open("classpath:config/full.xml")) {
      var users = manager.getCache("users", String.class, String.class);
      assertNotNull(users);
      var config = users.getConfiguration(TandemConfiguration.class);
      assertEquals(10_000, config.getMaxEntries());
      assertTrue(config.isReadThrough());
      assertEquals(2, config.getCacheEntryListenerConfigurations().spliterator().estimateSize());
      // read-through through the declared loader
      assertNotNull(users.get("alice"));
      assertNotNull(manager.getCache("sessions"));
      assertNotNull(manager.getCache("lookups"));
    }
  }

  @Test
  void programmaticCachesTakeTheFileDefaults() {
    try (CacheManager manager = open("classpath:config/full.xml")) {
      var cache = manager.createCache("adhoc", new MutableConfiguration<String, String>());
      assertEquals(500, cache.getConfiguration(TandemConfiguration.class).getMaxEntries());
    }
  }

  @Test
  void creatingADeclaredCacheAgainNamesTheFile() {
    try (CacheManager manager = open("classpath:config/minimal.xml")) {
      var e = assertThrows(CacheException.class,
          () -> manager.createCache("orders", new MutableConfiguration<>()));
      assertTrue(e.getMessage().contains("classpath:config/minimal.xml"), e.getMessage());
      assertNotNull(manager.getCache("orders").getConfiguration(CompleteConfiguration.class));
    }
  }
}
