package io.tandem.jcache.cache;

/**
 * A mutation of one key. Every mutating operation of a cache is one of these, run by
 * {@link TandemCacheImpl#execute} under the key's lock on the member that owns the key (for a
 * LOCAL cache, this member). Implementations are plain data, so that a cluster layer can ship them
 * to the key's primary owner.
 *
 * @param <R> the result returned to the caller
 */
@FunctionalInterface
interface KeyCommand<K, V, R> {

  /** Reads and changes {@code entry}; the change is committed after this returns. */
  R apply(KeyOperation<K, V> entry);
}
