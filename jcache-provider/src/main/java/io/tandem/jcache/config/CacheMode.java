package io.tandem.jcache.config;

/** Where a cache's entries live. */
public enum CacheMode {
  /** On this member only; the cache manager needs no cluster. */
  LOCAL,
  /**
   * On every member of the cluster. Each key has one primary member (chosen from the view by
   * rendezvous hashing) that orders its writes; reads are served locally.
   */
  REPLICATED
}
