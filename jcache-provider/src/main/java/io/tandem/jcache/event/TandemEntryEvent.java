package io.tandem.jcache.event;

import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * An event as listeners see it. Values stay in their stored form until a listener asks, so an event
 * nobody reads costs no deserialization. For REMOVED and EXPIRED events {@link #getValue()} is the
 * value the entry had, as JCache 1.1 specifies.
 */
public final class TandemEntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final transient Object stored;
  private final transient Object oldStored;
  private final transient Function<Object, V> reader;
  private final boolean origin;
  private transient V value;
  private transient V oldValue;

  /**
   * @param stored the new value in stored form (null for REMOVED and EXPIRED)
   * @param oldStored the previous value in stored form, or null
   * @param reader turns a stored form into the value a reader may keep (a copy for by-value caches)
   */
  public TandemEntryEvent(Cache<K, V> source, EventType type, K key, Object stored,
      Object oldStored, Function<Object, V> reader, boolean origin) {
    super(source, type);
    this.origin = origin;
    this.key = key;
    this.stored = stored;
    this.oldStored = oldStored;
    this.reader = reader;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public synchronized V getValue() {
    if (getEventType() == EventType.REMOVED || getEventType() == EventType.EXPIRED) {
      return getOldValue();
    }
    if (value == null && stored != null) {
      value = reader.apply(stored);
    }
    return value;
  }

  @Override
  public synchronized V getOldValue() {
    if (oldValue == null && oldStored != null) {
      oldValue = reader.apply(oldStored);
    }
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldStored != null;
  }

  /**
   * True on the member where the change was made (the key's primary), false on the members that
   * received it. Every member's listeners hear every event; a listener that must act once in the
   * whole cluster (the session store's expiry, for instance) acts on origin events only.
   */
  public boolean isOrigin() {
    return origin;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A Tandem cache event cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "TandemEntryEvent{" + getEventType() + ", key=" + key + "}";
  }
}
