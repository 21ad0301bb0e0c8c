package io.tandem.jcache;

import java.time.Duration;
import javax.cache.Cache;

/**
 * A Tandem cache: everything {@link Cache} offers, plus what JCache lacks. Obtain it with
 * {@code cache.unwrap(TandemCache.class)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TandemCache<K, V> extends Cache<K, V> {

  /**
   * Like {@link #put(Object, Object)}, but the entry expires {@code timeToLive} after this write
   * whatever the cache's {@code ExpiryPolicy} says. A later write without a time-to-live falls back
   * to the policy.
   *
   * @throws IllegalArgumentException if {@code timeToLive} is zero or negative
   */
  void put(K key, V value, Duration timeToLive);

  /** Like {@link #putIfAbsent(Object, Object)}, with a time-to-live as in {@link #put(Object, Object, Duration)}. */
  boolean putIfAbsent(K key, V value, Duration timeToLive);

  /** The number of entries on this member, expired ones not yet reclaimed included. */
  long size();

  /**
   * Reclaims expired entries now, firing their EXPIRED events. A background task does this every
   * second; tests with an injected clock call it to avoid waiting.
   */
  void cleanUp();

  /**
   * An entry as a {@link javax.cache.processor.EntryProcessor} sees it, with Tandem's additions.
   * Obtain it with {@code entry.unwrap(TandemCache.MutableEntry.class)}.
   */
  interface MutableEntry<K, V> extends javax.cache.processor.MutableEntry<K, V> {

    /**
     * Makes the entry expire {@code timeToLive} after this processor's write, whatever the
     * cache's {@code ExpiryPolicy} says. On an existing entry that the processor does not
     * otherwise change, it only moves the expiry time: no event, no writer call.
     */
    void setTimeToLive(Duration timeToLive);
  }

  /** An entry as the iterator returns it. */
  interface Entry<K, V> extends Cache.Entry<K, V> {}
}
