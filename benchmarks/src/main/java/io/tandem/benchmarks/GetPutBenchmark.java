package io.tandem.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of {@code get} and {@code put} on a cache that holds every key, so every read hits:
 * read-only, write-only, and 75% reads / 25% writes. Keys follow a Zipf distribution (a few hot
 * keys, a long cold tail); each thread walks a precomputed key sequence from its own random
 * offset, the index wrapped with a power-of-two mask, so the loop costs an increment and an AND.
 * Values are a small mutable {@link Payload}: with store-by-value every put and get pays a copy.
 *
 * <p>Build and run (from the repository root; about 8 minutes for the 7 caches):
 *
 * <pre>{@code
 * mvn -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar GetPutBenchmark -f 1 -wi 4 -w 3s -i 3 -r 3s
 * }</pre>
 *
 * The warm-up is longer than the reads need because the store-by-value paths, Java serialization
 * above all, keep speeding up for about ten seconds while the JIT compiles them. Add
 * {@code -p cache=Caffeine_byValue,Tandem_byValue} to compare a few caches, {@code -rf json} to
 * keep the results; {@code docs/benchmarks.md} has the latest table.
 *
 * <p>Threads are sized for a 2-core machine: {@code read_only} and {@code write_only} run 2
 * threads, one per core. {@code readwrite} keeps the 3:1 reader-to-writer ratio (3 readers, 1
 * writer), so its 4 threads share the 2 cores: its absolute numbers are lower and noisier than
 * the other groups', but every cache pays the same oversubscription, so compare its rows with each
 * other, not with {@code read_only}. On a machine with more cores, run one group and scale it
 * with {@code -tg}, e.g. {@code GetPutBenchmark.readwrite -tg 6,2} on 8 cores. {@code -t} is not
 * needed: the groups fix the thread counts.
 */
@State(Scope.Benchmark)
public class GetPutBenchmark {

  /** Distinct keys; all are put before measuring, and no cache here is bounded. */
  static final int ITEMS = 10_000;

  /** Length of the precomputed key sequence: a power of two, so {@code & MASK} wraps it. */
  static final int SEQUENCE_LENGTH = 1 << 16;

  static final int MASK = SEQUENCE_LENGTH - 1;

  @Param({
      "ConcurrentHashMap",
      "Caffeine_byReference",
      "Caffeine_byValue",
      "Ehcache_byReference",
      "Ehcache_byValue",
      "Tandem_byReference",
      "Tandem_byValue",
  })
  CacheType cache;

  BenchmarkCache<Integer, Payload> store;
  Integer[] keys;
  Payload[] values;

  /** Where a thread is in the key sequence; each thread starts at a random place. */
  @State(Scope.Thread)
  public static class ThreadState {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup
  public void setUp() {
    store = cache.create();
    var payloads = new Payload[ITEMS];
    var boxedKeys = new Integer[ITEMS];
    for (int key = 0; key < ITEMS; key++) {
      boxedKeys[key] = key;
      payloads[key] = Payload.forKey(key);
      store.put(boxedKeys[key], payloads[key]);
    }

    int[] sequence = ZipfKeys.draw(ITEMS, SEQUENCE_LENGTH, ZipfKeys.DEFAULT_EXPONENT, 42L);
    keys = new Integer[SEQUENCE_LENGTH];
    values = new Payload[SEQUENCE_LENGTH];
    for (int i = 0; i < SEQUENCE_LENGTH; i++) {
      keys[i] = boxedKeys[sequence[i]];
      values[i] = payloads[sequence[i]];
    }

    // A miss would measure the miss path, not the hit path this benchmark is about.
    for (int key = 0; key < ITEMS; key++) {
      if (!payloads[key].equals(store.get(boxedKeys[key]))) {
        throw new IllegalStateException(cache + " lost or changed key " + key
            + " after prepopulation: the benchmark needs a 100% hit rate");
      }
    }
  }

  @TearDown
  public void tearDown() {
    store.close();
  }

  @Benchmark
  @Group("read_only")
  @GroupThreads(2)
  public Payload readOnly(ThreadState thread) {
    return store.get(keys[thread.index++ & MASK]);
  }

  @Benchmark
  @Group("write_only")
  @GroupThreads(2)
  public void writeOnly(ThreadState thread) {
    int i = thread.index++ & MASK;
    store.put(keys[i], values[i]);
  }

  @Benchmark
  @Group("readwrite")
  @GroupThreads(3)
  public Payload readwrite_get(ThreadState thread) {
    return store.get(keys[thread.index++ & MASK]);
  }

  @Benchmark
  @Group("readwrite")
  @GroupThreads(1)
  public void readwrite_put(ThreadState thread) {
    int i = thread.index++ & MASK;
    store.put(keys[i], values[i]);
  }
}
