package io.tandem.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.Test;

class AtomicOperationsTest extends CacheTestSupport {

  private static final EntryProcessor<String, Integer, Integer> INCREMENT = (entry, args) -> {
    int next = entry.exists() ? entry.getValue() + 1 : 1;
    entry.setValue(next);
    return next;
  };

  @Test
  void invokeLosesNoUpdateUnderContention() throws Exception {
    var cache = create(new MutableConfiguration<String, Integer>());
    int threads = 8;
    int perThread = 1000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            cache.invoke("counter", INCREMENT);
          }
        }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(threads * perThread, cache.get("counter"));
  }

  @Test
  void putIfAbsentHasExactlyOneWinner() throws Exception {
    var cache = create(new MutableConfiguration<String, Integer>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger winners = new AtomicInteger();
    try {
      var tasks = new ArrayList<Callable<Boolean>>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        tasks.add(() -> cache.putIfAbsent("k", id));
      }
      for (var f : pool.invokeAll(tasks)) {
        if (f.get()) {
          winners.incrementAndGet();
        }
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, winners.get());
  }

  @Test
  void replaceIfEqualsIsACompareAndSet() throws Exception {
    var cache = create(new MutableConfiguration<String, Integer>());
    cache.put("k", 0);
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              Integer v = cache.get("k");
              if (cache.replace("k", v, v + 1)) {
                break;
              }
            }
          }
        }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(threads * perThread, cache.get("k"));
  }
}
