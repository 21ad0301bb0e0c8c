package io.tandem.jcache.cache;

/**
 * A committed change of one key, as the primary sends it to the other members: the resulting
 * state, not the command. Replicas apply it only if its version is newer than what they hold, so
 * a late or repeated message cannot regress a value.
 *
 * @param key the key
 * @param kind what happened
 * @param version the entry's new version (for a removal, the tombstone's)
 * @param expiresAt the new expiry time (PUT and TOUCH)
 * @param stored the new value in stored form (PUT only)
 */
public record StateChange(Object key, Kind kind, long version, long expiresAt, Object stored) {

  /** What happened to the key. */
  public enum Kind {
    /** Created or updated. */
    PUT,
    /** Only the expiry time moved (a time-to-live set on an unchanged value). */
    TOUCH,
    /** Removed by an operation. */
    REMOVE,
    /** Removed because it expired. */
    EXPIRE
  }
}
