package io.tandem.jcache.config;

import io.tandem.jcache.store.Clock;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;

/**
 * A JCache configuration with Tandem's own settings. Pass it to
 * {@code CacheManager.createCache} in place of a {@link MutableConfiguration}; a plain
 * {@code MutableConfiguration} gets Tandem's settings from the manager's {@code <defaults>}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class TandemConfiguration<K, V> extends MutableConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  /** No bound on the number of entries. */
  public static final long UNBOUNDED = 0;

  private long maxEntries = UNBOUNDED;
  private Factory<? extends Clock> clockFactory;

  public TandemConfiguration() {}

  /** A copy of {@code configuration}, keeping Tandem's settings when it has them. */
  public TandemConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof TandemConfiguration<K, V> tandem) {
      this.maxEntries = tandem.maxEntries;
      this.clockFactory = tandem.clockFactory;
    }
  }

  /** The most entries the cache holds before it evicts; {@link #UNBOUNDED} (0) for no bound. */
  public long getMaxEntries() {
    return maxEntries;
  }

  /**
   * Bounds the cache to {@code maxEntries} entries (0 for no bound). Past the bound the cache evicts
   * entries that were not read recently (a CLOCK approximation of LRU); evictions are counted as
   * evictions, fire no listener and call no writer.
   */
  public TandemConfiguration<K, V> setMaxEntries(long maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("max-entries must be 0 (unbounded) or positive, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    return this;
  }

  /** The factory of the clock that expiry reads, or null for the system clock. */
  public Factory<? extends Clock> getClockFactory() {
    return clockFactory;
  }

  /**
   * Sets the clock expiry reads (null for the system clock). Tests inject a manual clock to move
   * time forward instead of sleeping.
   */
  public TandemConfiguration<K, V> setClockFactory(Factory<? extends Clock> clockFactory) {
    this.clockFactory = clockFactory;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && (!(o instanceof TandemConfiguration<?, ?> t) || t.maxEntries == maxEntries);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Long.hashCode(maxEntries);
  }
}
