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
 */
record CacheDefaults(
    long maxEntries, boolean statistics, boolean management, boolean storeByValue) {

  static final CacheDefaults BUILT_IN =
      new CacheDefaults(TandemConfiguration.UNBOUNDED, false, false, true);

  CacheDefaults withMaxEntries(long entries) {
    return new CacheDefaults(entries, statistics, management, storeByValue);
  }

  /** {@code configuration}, set to these defaults. */
  <K, V> TandemConfiguration<K, V> applyTo(TandemConfiguration<K, V> configuration) {
    configuration.setMaxEntries(maxEntries);
    configuration.setStatisticsEnabled(statistics);
    configuration.setManagementEnabled(management);
    configuration.setStoreByValue(storeByValue);
    return configuration;
  }
}
