package io.tandem.jcache.store;

/**
 * One entry as the store holds it. The stored value never changes (an update installs a new
 * entry), so readers need no lock; only the expiry time moves on access.
 */
public final class StoredEntry {

  /** Expiry time of an entry that never expires. */
  public static final long ETERNAL = Long.MAX_VALUE;

  private final Object value;
  private final long version;
  private volatile long expiresAt;
  /** Set on reads, cleared by the eviction sweep: the CLOCK "second chance" bit. */
  private volatile boolean referenced;

  public StoredEntry(Object value, long version, long expiresAt) {
    this.value = value;
    this.version = version;
    this.expiresAt = expiresAt;
  }

  /** The value as stored: the object itself, or {@link Serialized} bytes for by-value caches. */
  public Object value() {
    return value;
  }

  /** Increases with every write of the key; replicas use it to ignore stale states. */
  public long version() {
    return version;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public void expiresAt(long millis) {
    this.expiresAt = millis;
  }

  public boolean isExpired(long now) {
    return expiresAt <= now;
  }

  void markReferenced() {
    if (!referenced) {
      referenced = true; // read before write: no cache-line traffic on hot keys
    }
  }

  boolean takeReference() {
    boolean was = referenced;
    referenced = false;
    return was;
  }
}
