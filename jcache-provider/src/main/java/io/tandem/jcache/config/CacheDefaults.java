package io.tandem.jcache.config;

/**
 * The {@code <defaults>} of a file: what every cache declared in it starts from. Without a file,
 * {@link #BUILT_IN}, which equals a new {@code MutableConfiguration} plus no entry bound.
 *
 * @param maxEntries entry bound, 0 for none; also given to programmatic caches configured with a
 *     plain {@code MutableConfiguration}
 * @param statistics whether caches collect statistics
 * @param management whether caches register their {@code CacheMXBean}
 * @param storeByValue whether caches store copies
 * @param mode where entries live; also given to programmatic caches configured with a plain
 *     {@code MutableConfiguration}
 * @param replication when a write to a replicated cache returns; also given to programmatic
 *     caches configured with a plain {@code MutableConfiguration}
 */
record CacheDefaults(long maxEntries, boolean statistics, boolean management,
    boolean storeByValue, CacheMode mode, ReplicationMode replication) {

  static final CacheDefaults BUILT_IN = new CacheDefaults(TandemConfiguration.UNBOUNDED, false,
      false, true, CacheMode.LOCAL, ReplicationMode.SYNC);

  CacheDefaults {
    java.util.Objects.requireNonNull(mode, "mode");
    java.util.Objects.requireNonNull(replication, "replication");
  }

  CacheDefaults withMaxEntries(long entries) {
    return new CacheDefaults(entries, statistics, management, storeByValue, mode, replication);
  }

  CacheDefaults withMode(CacheMode cacheMode) {
    return new CacheDefaults(maxEntries, statistics, management, storeByValue, cacheMode,
        replication);
  }

  CacheDefaults withReplication(ReplicationMode replicationMode) {
    return new CacheDefaults(maxEntries, statistics, management, storeByValue, mode,
        replicationMode);
  }

  /** {@code configuration}, given the settings a plain {@code MutableConfiguration} lacks. */
  <K, V> TandemConfiguration<K, V> applyTandemSettingsTo(TandemConfiguration<K, V> configuration) {
    configuration.setMaxEntries(maxEntries);
    configuration.setMode(mode);
    configuration.setReplication(replication);
    return configuration;
  }

  /** {@code configuration}, set to these defaults. */
  <K, V> TandemConfiguration<K, V> applyTo(TandemConfiguration<K, V> configuration) {
    configuration.setMaxEntries(maxEntries);
    configuration.setStatisticsEnabled(statistics);
    configuration.setManagementEnabled(management);
    configuration.setStoreByValue(storeByValue);
    configuration.setMode(mode);
    configuration.setReplication(replication);
    return configuration;
  }
}
