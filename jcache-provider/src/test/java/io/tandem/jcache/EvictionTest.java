package io.tandem.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.config.TandemConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import org.junit.jupiter.api.Test;

class EvictionTest extends CacheTestSupport {

  @Test
  void boundHoldsUnderConcurrentLoadAndEvictionsAreNotRemovals() throws Exception {
    var config = new TandemConfiguration<Integer, Integer>().setMaxEntries(100);
    config.setStatisticsEnabled(true);
    List<Object> removed = new CopyOnWriteArrayList<>();
    config.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(new RemovedRecorder(removed)), null, false, true));
    var cache = create(config);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < 4; t++) {
        int base = t * 10_000;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 10_000; i++) {
            cache.put(base + i, i);
          }
        }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertTrue(cache.size() <= 100, "size " + cache.size() + " exceeds the bound of 100");
    var stats = cache.unwrap(io.tandem.jcache.cache.TandemCacheImpl.class).getStatistics();
    assertEquals(40_000, stats.getCachePuts());
    assertEquals(40_000 - cache.size(), stats.getCacheEvictions());
    assertEquals(0, stats.getCacheRemovals());
    assertTrue(removed.isEmpty(), "evictions must not fire REMOVED events");
  }

  @Test
  void recentlyReadEntriesSurviveAScan() {
    var cache = create(new TandemConfiguration<Integer, Integer>().setMaxEntries(100));
    for (int i = 0; i < 100; i++) {
      cache.put(i, i);
    }
    for (int i = 0; i < 10; i++) {
      cache.get(i); // the hot keys
    }
    for (int i = 100; i < 150; i++) {
      cache.put(i, i); // a scan of new keys
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(i, cache.get(i), "hot key " + i + " was evicted");
    }
    assertEquals(100, cache.size());
  }

  static final class RemovedRecorder
      implements CacheEntryRemovedListener<Integer, Integer>, java.io.Serializable {
    private final transient List<Object> sink;

    RemovedRecorder(List<Object> sink) {
      this.sink = sink;
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      events.forEach(e -> sink.add(e.getKey()));
    }
  }
}
