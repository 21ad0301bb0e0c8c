package io.tandem.benchmarks;

/**
 * The two operations the get/put benchmark measures, over a JCache {@code Cache} or a plain map.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface BenchmarkCache<K, V> extends AutoCloseable {

  /** The value stored for {@code key}, or null when there is none. */
  V get(K key);

  /** Stores {@code value} for {@code key}, replacing any value there. */
  void put(K key, V value);

  /** Releases the cache and whatever its provider opened for it. */
  @Override
  void close();
}
