package io.tandem.jcache.cache;

import io.tandem.jcache.TandemCache;
import java.time.Duration;
import java.util.Objects;
import javax.cache.integration.CacheLoader;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on. Its calls only record intent
 * on the {@link KeyOperation}; the net effect is committed when the processor returns, and
 * nothing at all if it throws.
 */
final class ProcessorEntry<K, V> implements TandemCache.MutableEntry<K, V> {

  private final KeyOperation<K, V> op;
  private final CacheLoader<K, V> loader;

  /** @param loader the loader for read-through, or null when the cache does not read through */
  ProcessorEntry(KeyOperation<K, V> op, CacheLoader<K, V> loader) {
    this.op = op;
    this.loader = loader;
  }

  @Override
  public K getKey() {
    return op.key;
  }

  @Override
  public V getValue() {
    if (op.exists()) {
      op.touch();
      return op.value();
    }
    if (loader != null && op.action() != Action.DELETED) {
      V loaded = Commands.load(loader, op.key);
      if (loaded != null) {
        op.load(loaded);
      }
      return loaded;
    }
    return null;
  }

  @Override
  public boolean exists() {
    return op.exists();
  }

  @Override
  public void remove() {
    op.delete();
  }

  @Override
  public void setValue(V value) {
    Objects.requireNonNull(value, "an EntryProcessor may not set a null value; use remove()");
    op.setValue(value);
  }

  @Override
  public void setTimeToLive(Duration timeToLive) {
    op.timeToLive(TandemCacheImpl.checkTimeToLive(timeToLive));
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("An entry of an EntryProcessor cannot be unwrapped to "
        + clazz.getName() + "; it can be unwrapped to " + TandemCache.MutableEntry.class.getName());
  }
}
