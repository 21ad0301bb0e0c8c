package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.annotation.key.ParameterKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

/**
 * Concurrent first calls of a {@code @CacheResult} method. JSR-107 specifies get, then invoke,
 * then put: it is not atomic, and neither is this implementation. Calls that miss at the same
 * time all run the method, each gets its own result, and the last put wins; once a result is
 * cached, calls stop running the method. A method that must run once per key needs its own
 * lock, or {@code Cache.invoke} / {@code putIfAbsent} in code instead of the annotation.
 */
class ConcurrentFirstCallsTest {

  private static final int THREADS = 4;

  @Test
  void overlappingFirstCallsEachRunTheMethodThenTheCacheAnswers() throws Exception {
    try (CdiContainer cdi = CdiContainer.start(Slow.class)) {
      Slow slow = cdi.bean(Slow.class);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          results.add(pool.submit(() -> slow.compute("k")));
        }
        Set<String> seen = new HashSet<>();
        for (Future<String> result : results) {
          seen.add(result.get(30, TimeUnit.SECONDS));
        }
        // All callers were inside the method together (the latch opened), so each ran it.
        assertEquals(THREADS, slow.calls.get());
        assertEquals(THREADS, seen.size(), "each caller gets the result of its own run");
        Object cached = cdi.manager().getCache("slow").get(new ParameterKey("k"));
        assertTrue(seen.contains(cached), "the cache holds one of those results: " + cached);

        assertEquals(cached, slow.compute("k"));
        assertEquals(THREADS, slow.calls.get(), "after the first calls, the cache answers");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static class Slow {
    final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch allInside = new CountDownLatch(THREADS);

    @CacheResult(cacheName = "slow")
    public String compute(String key) throws InterruptedException {
      int call = calls.incrementAndGet();
      allInside.countDown();
      // Wait until every first caller is inside: proves the calls overlapped. Bounded, so an
      // implementation that serialized them would fail here instead of hanging.
      if (!allInside.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("only " + calls.get() + " callers ran the method");
      }
      return key + "#" + call;
    }
  }
}
