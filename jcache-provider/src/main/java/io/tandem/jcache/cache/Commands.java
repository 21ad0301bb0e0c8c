package io.tandem.jcache.cache;

import java.time.Duration;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.integration.CacheLoaderException;

/**
 * The commands behind the JCache operations. Each is a few lines of spec: what it reads, what it
 * changes, what it counts. Everything else (writer, expiry, events, statistics of writes) follows
 * from the {@link Action} they leave.
 */
final class Commands {

  private Commands() {}

  /** A command that stores a value the caller gave (in stored form). */
  interface SetsValue {
    Object stored();
  }

  /** Does nothing: executing it still reclaims the key's entry if it expired. */
  record Touch<K, V>() implements KeyCommand<K, V, Void> {
    @Override
    public Void apply(KeyOperation<K, V> e) {
      return null;
    }
  }

  /**
   * A read on the primary, for replicated caches whose expiry policy moves expiry on access: the
   * primary alone decides expiry, so an access is a (small) write it replicates.
   */
  record Access<K, V>() implements KeyCommand<K, V, V> {
    @Override
    public V apply(KeyOperation<K, V> e) {
      e.touch();
      return e.value();
    }
  }

  /** put, and the put of putAll (then without writer). */
  record Put<K, V>(Object stored, Duration ttl) implements KeyCommand<K, V, Void>, SetsValue {
    @Override
    public Void apply(KeyOperation<K, V> e) {
      e.set(stored);
      if (ttl != null) {
        e.timeToLive(ttl);
      }
      return null;
    }
  }

  record GetAndPut<K, V>(Object stored) implements KeyCommand<K, V, V>, SetsValue {
    @Override
    public V apply(KeyOperation<K, V> e) {
      V old = e.value();
      e.countRead(old != null);
      e.set(stored);
      return old;
    }
  }

  /** putIfAbsent: success counts a miss, failure a hit (JCache 1.1). */
  record PutIfAbsent<K, V>(Object stored, Duration ttl)
      implements KeyCommand<K, V, Boolean>, SetsValue {
    @Override
    public Boolean apply(KeyOperation<K, V> e) {
      boolean absent = !e.exists();
      e.countRead(!absent);
      if (absent) {
        e.set(stored);
        if (ttl != null) {
          e.timeToLive(ttl);
        }
      }
      return absent;
    }
  }

  record Replace<K, V>(Object stored) implements KeyCommand<K, V, Boolean>, SetsValue {
    @Override
    public Boolean apply(KeyOperation<K, V> e) {
      boolean present = e.exists();
      e.countRead(present);
      if (present) {
        e.set(stored);
      }
      return present;
    }
  }

  /** replace(k, old, new): a mismatch is a read of the entry (access expiry). */
  record ReplaceIfEquals<K, V>(V expected, Object stored)
      implements KeyCommand<K, V, Boolean>, SetsValue {
    @Override
    public Boolean apply(KeyOperation<K, V> e) {
      V current = e.value();
      e.countRead(current != null);
      if (current == null) {
        return false;
      }
      if (!Objects.equals(current, expected)) {
        e.touch();
        return false;
      }
      e.set(stored);
      return true;
    }
  }

  record GetAndReplace<K, V>(Object stored) implements KeyCommand<K, V, V>, SetsValue {
    @Override
    public V apply(KeyOperation<K, V> e) {
      V old = e.value();
      e.countRead(old != null);
      if (old != null) {
        e.set(stored);
      }
      return old;
    }
  }

  /** remove(k): the writer deletes the key even if the cache does not hold it. */
  record Remove<K, V>() implements KeyCommand<K, V, Boolean> {
    @Override
    public Boolean apply(KeyOperation<K, V> e) {
      boolean present = e.exists();
      e.delete();
      return present;
    }
  }

  /** remove(k, v): a mismatch is a read of the entry (access expiry). */
  record RemoveIfEquals<K, V>(V expected) implements KeyCommand<K, V, Boolean> {
    @Override
    public Boolean apply(KeyOperation<K, V> e) {
      V current = e.value();
      e.countRead(current != null);
      if (current == null) {
        return false;
      }
      if (!Objects.equals(current, expected)) {
        e.touch();
        return false;
      }
      e.delete();
      return true;
    }
  }

  record GetAndRemove<K, V>() implements KeyCommand<K, V, V> {
    @Override
    public V apply(KeyOperation<K, V> e) {
      V old = e.value();
      e.countRead(old != null);
      e.delete();
      return old;
    }
  }

  /**
   * A read-through load: the loader runs under the key's lock, so concurrent misses of one key
   * load it once. With {@code replace} (loadAll's replaceExistingValues) an existing value is
   * replaced too.
   */
  record Load<K, V>(boolean replace) implements KeyCommand<K, V, V> {
    @Override
    public V apply(KeyOperation<K, V> e) {
      if (e.exists() && !replace) {
        return e.value();
      }
      V loaded = load(e.loader(), e.key);
      if (loaded != null) {
        e.load(loaded);
      }
      return loaded;
    }
  }

  /** Stores a value a bulk load returned, unless the key has one and {@code replace} is false. */
  record Loaded<K, V>(V value, boolean replace) implements KeyCommand<K, V, Void> {
    @Override
    public Void apply(KeyOperation<K, V> e) {
      if (!e.exists() || replace) {
        e.load(value);
      }
      return null;
    }
  }

  /** invoke: hit or miss by whether the entry exists; the processor's net effect is committed. */
  record Invoke<K, V, T>(EntryProcessor<K, V, T> processor, Object[] arguments)
      implements KeyCommand<K, V, T> {
    @Override
    public T apply(KeyOperation<K, V> e) {
      e.countRead(e.exists());
      try {
        return processor.process(new ProcessorEntry<>(e, e.readThroughLoader()), arguments);
      } catch (CacheException ce) {
        throw ce;
      } catch (Exception ex) {
        throw new EntryProcessorException("The EntryProcessor " + processor.getClass().getName()
            + " failed on key " + e.key + ": " + ex, ex);
      }
    }
  }

  static <K, V> V load(CacheLoader<K, V> loader, K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("The CacheLoader failed to load key " + key + ": " + e, e);
    }
  }
}
