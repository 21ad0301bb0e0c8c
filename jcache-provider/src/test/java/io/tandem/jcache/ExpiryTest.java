package io.tandem.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.config.TandemConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.Test;

class ExpiryTest extends CacheTestSupport {

  private final ManualClock clock = new ManualClock();

  private TandemConfiguration<String, String> config() {
    var config = new TandemConfiguration<String, String>();
    config.setClockFactory(clock.factory());
    return config;
  }

  @Test
  void createdEntryIsInvisibleTheMomentItExpires() {
    var config = config();
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
        new javax.cache.expiry.Duration(TimeUnit.SECONDS, 10)));
    var cache = create(config);
    cache.put("k", "v");
    clock.advance(Duration.ofMillis(9_999));
    assertEquals("v", cache.get("k"));
    clock.advance(Duration.ofMillis(1));
    assertFalse(cache.containsKey("k"));
    assertNull(cache.get("k"));
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void accessExtendsTheLifeOfAnEntry() {
    var config = config();
    config.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(
        new javax.cache.expiry.Duration(TimeUnit.SECONDS, 10)));
    var cache = create(config);
    cache.put("k", "v");
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(9));
      assertEquals("v", cache.get("k"));
    }
    clock.advance(Duration.ofSeconds(10));
    assertNull(cache.get("k"));
  }

  @Test
  void updateResetsModifiedExpiry() {
    var config = config();
    config.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
        new javax.cache.expiry.Duration(TimeUnit.SECONDS, 10)));
    var cache = create(config);
    cache.put("k", "v1");
    clock.advance(Duration.ofSeconds(8));
    cache.put("k", "v2");
    clock.advance(Duration.ofSeconds(8));
    assertEquals("v2", cache.get("k"));
    clock.advance(Duration.ofSeconds(2));
    assertNull(cache.get("k"));
  }

  @Test
  void timeToLiveOverridesThePolicyForOneWrite() {
    var cache = create(config());
    cache.put("k", "v", Duration.ofMinutes(30));
    clock.advance(Duration.ofMinutes(29));
    assertEquals("v", cache.get("k"));
    clock.advance(Duration.ofMinutes(1));
    assertNull(cache.get("k"));
    assertThrows(IllegalArgumentException.class, () -> cache.put("k", "v", Duration.ZERO));
  }

  @Test
  void processorCanSetTimeToLive() {
    var cache = create(config());
    cache.put("k", "v");
    cache.invoke("k", (entry, args) -> {
      entry.unwrap(TandemCache.MutableEntry.class).setTimeToLive(Duration.ofSeconds(5));
      return null;
    });
    clock.advance(Duration.ofSeconds(4));
    assertTrue(cache.containsKey("k"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void cleanUpReclaimsExpiredEntriesWithOneExpiredEventEach() {
    var config = config();
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
        new javax.cache.expiry.Duration(TimeUnit.SECONDS, 1)));
    List<String> expired = new CopyOnWriteArrayList<>();
    config.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(new RecordingExpiredListener(expired)), null, true, true));
    var cache = create(config);
    for (int i = 0; i < 10; i++) {
      cache.put("k" + i, "v" + i);
    }
    clock.advance(Duration.ofSeconds(1));
    cache.cleanUp();
    cache.cleanUp();
    assertEquals(0, cache.size());
    assertEquals(10, expired.size());
    assertTrue(expired.contains("k3=v3"));
  }

  /** Records "key=value" of every EXPIRED event. Serializable so FactoryBuilder accepts it. */
  static final class RecordingExpiredListener
      implements CacheEntryExpiredListener<String, String>, java.io.Serializable {
    private final transient List<String> sink;

    RecordingExpiredListener(List<String> sink) {
      this.sink = sink;
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (var e : events) {
        sink.add(e.getKey() + "=" + e.getValue());
      }
    }
  }
}
