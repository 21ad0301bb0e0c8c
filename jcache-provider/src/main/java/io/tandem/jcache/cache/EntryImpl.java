package io.tandem.jcache.cache;

import io.tandem.jcache.TandemCache;

/** A key and a value, as the iterator returns them and the writer receives them. */
record EntryImpl<K, V>(K getKey, V getValue) implements TandemCache.Entry<K, V> {

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A cache entry cannot be unwrapped to " + clazz.getName());
  }
}
