package io.tandem.jcache.config;

/** What a replicated cache does in a partition that lost the majority of the last stable view. */
public enum PartitionHandling {
  /**
   * Every partition keeps reading and writing; when the partitions merge, each key keeps the
   * value with the highest version (removals included, as tombstones). Concurrent writes to one
   * key in different partitions lose all but one.
   */
  ALLOW_READ_WRITES,
  /**
   * A partition holding no more than half of the members of the last stable view rejects writes
   * with a {@code CacheException} until it merges again, so the majority's writes are never
   * overwritten by a minority (like Infinispan's DENY_READ_WRITES for writes; reads keep working).
   */
  DENY_WRITES
}
