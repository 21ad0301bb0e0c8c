package io.tandem.jcache.config;

/** When a write to a replicated cache returns. */
public enum ReplicationMode {
  /**
   * After every member applied the change (and ran its synchronous listeners). No acknowledged
   * write is lost when a member dies; a write costs a round trip to the slowest member.
   */
  SYNC,
  /**
   * After the key's primary applied the change; the others apply it shortly after, in order. A
   * write costs at most one round trip (to the primary), but a write acknowledged just before the
   * primary dies may be lost.
   */
  ASYNC
}
