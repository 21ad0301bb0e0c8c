package io.tandem.jcache.management;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache on this member, as JCache defines them. Counters are
 * {@link LongAdder}s: cheap under contention, with no consistency promised between them (neither
 * does JCache). Averages are in microseconds; a read-through load is not part of the get time.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private volatile boolean enabled;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Now, in nanoseconds, if statistics are on; 0 otherwise (saves the clock read). */
  public long start() {
    return enabled ? System.nanoTime() : 0;
  }

  public void hit() {
    if (enabled) {
      hits.increment();
    }
  }

  public void miss() {
    if (enabled) {
      misses.increment();
    }
  }

  public void hits(long n) {
    if (enabled) {
      hits.add(n);
    }
  }

  public void misses(long n) {
    if (enabled) {
      misses.add(n);
    }
  }

  public void puts(long n) {
    if (enabled) {
      puts.add(n);
    }
  }

  public void removals(long n) {
    if (enabled) {
      removals.add(n);
    }
  }

  public void put() {
    if (enabled) {
      puts.increment();
    }
  }

  public void removal() {
    if (enabled) {
      removals.increment();
    }
  }

  public void eviction() {
    if (enabled) {
      evictions.increment();
    }
  }

  public void getTime(long start) {
    if (enabled) {
      getNanos.add(System.nanoTime() - start);
    }
  }

  public void putTime(long start) {
    if (enabled) {
      putNanos.add(System.nanoTime() - start);
    }
  }

  public void removeTime(long start) {
    if (enabled) {
      removeNanos.add(System.nanoTime() - start);
    }
  }

  @Override
  public void clear() {
    for (var adder : new LongAdder[] {
        hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long h = getCacheHits();
    long total = h + getCacheMisses();
    return total == 0 ? 0 : 100f * h / total;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long m = getCacheMisses();
    long total = m + getCacheHits();
    return total == 0 ? 0 : 100f * m / total;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0 : (float) nanos / count / TimeUnit.MICROSECONDS.toNanos(1);
  }
}
