package io.tandem.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each benchmarked cache stores what it is given, by reference or by value as its type says. */
class CacheTypeTest {

  @ParameterizedTest
  @EnumSource(CacheType.class)
  void getReturnsWhatPutStored(CacheType type) {
    assumeTrue(type.isAvailable(), () -> type + ": provider not on the classpath");
    try (var cache = type.create()) {
      for (int key = 0; key < 100; key++) {
        cache.put(key, Payload.forKey(key));
      }
      for (int key = 0; key < 100; key++) {
        assertEquals(Payload.forKey(key), cache.get(key), type + " key " + key);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CacheType.class)
  void storeByValueCopiesAndStoreByReferenceDoesNot(CacheType type) {
    assumeTrue(type.isAvailable(), () -> type + ": provider not on the classpath");
    try (var cache = type.create()) {
      var stored = Payload.forKey(7);
      cache.put(7, stored);
      var read = cache.get(7);
      if (type.isStoreByValue()) {
        assertNotSame(stored, read, type + " returned the instance it was given");
        stored.setVersion(-1);
        assertEquals(Payload.forKey(7), cache.get(7), type + " saw a change made after put");
      } else {
        assertSame(stored, read, type + " copied a store-by-reference value");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CacheType.class)
  void benchmarkSetUpFindsEveryKey(CacheType type) {
    assumeTrue(type.isAvailable(), () -> type + ": provider not on the classpath");
    var benchmark = new GetPutBenchmark();
    benchmark.cache = type;
    benchmark.setUp();
    try {
      var thread = new GetPutBenchmark.ThreadState();
      for (int i = 0; i < 1_000; i++) {
        var expected = benchmark.values[thread.index & GetPutBenchmark.MASK];
        assertEquals(expected, benchmark.readOnly(thread), type.toString());
        benchmark.writeOnly(thread);
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
