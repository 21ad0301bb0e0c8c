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
  private CacheMode mode = CacheMode.LOCAL;
  private ReplicationMode replication = ReplicationMode.SYNC;

  public TandemConfiguration() {}

  /** A copy of {@code configuration}, keeping Tandem's settings when it has them. */
  public TandemConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof TandemConfiguration<K, V> tandem) {
      this.maxEntries = tandem.maxEntries;
      this.clockFactory = tandem.clockFactory;
      this.mode = tandem.mode;
      this.replication = tandem.replication;
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

  /** Where the entries live; {@link CacheMode#LOCAL} unless set. */
  public CacheMode getMode() {
    return mode;
  }

  /**
   * Sets where the entries live. {@link CacheMode#REPLICATED} needs a cache manager with cluster
   * settings.
   */
  public TandemConfiguration<K, V> setMode(CacheMode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** When a write to a replicated cache returns; {@link ReplicationMode#SYNC} unless set. */
  public ReplicationMode getReplication() {
    return replication;
  }

  public TandemConfiguration<K, V> setReplication(ReplicationMode replication) {
    this.replication = java.util.Objects.requireNonNull(replication, "replication");
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && (!(o instanceof TandemConfiguration<?, ?> t)
        || (t.maxEntries == maxEntries && t.mode == mode && t.replication == replication));
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(super.hashCode(), maxEntries, mode, replication);
  }
}
