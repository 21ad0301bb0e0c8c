package io.tandem.jcache.cache;

import io.tandem.jcache.store.StoredEntry;
import java.time.Duration;
import javax.cache.integration.CacheLoader;

/**
 * One command's view of its key while it holds the key's lock: the entry as it was, and what the
 * command wants done with it. Nothing is applied until the command returns; then
 * {@link TandemCacheImpl} commits the {@link Action} in one place. A command that throws leaves
 * the entry untouched.
 */
final class KeyOperation<K, V> {

  final K key;
  /** The live entry before the command, or null if absent (expired entries count as absent). */
  final StoredEntry current;
  final long now;
  /** False for the batch operations, which call the writer once for all keys beforehand. */
  final boolean writeThrough;

  private final TandemCacheImpl<K, V> cache;
  /** What the command counts, for the statistics of the member that called it. */
  final Requests.Tally tally;
  private Action action = Action.NONE;
  private V newValue;
  private Object newStored;
  private Duration timeToLive;

  KeyOperation(TandemCacheImpl<K, V> cache, K key, StoredEntry current, long now,
      boolean writeThrough, Requests.Tally tally) {
    this.cache = cache;
    this.tally = tally;
    this.key = key;
    this.current = current;
    this.now = now;
    this.writeThrough = writeThrough;
  }

  Action action() {
    return action;
  }

  /** The new value as an object (deserialized from its stored form if need be). */
  V newValue() {
    if (newValue == null && newStored != null) {
      newValue = cache.fromStored(newStored);
    }
    return newValue;
  }

  /** The new value in stored form, serializing it now if the command did not. */
  Object newStored() {
    if (newStored == null) {
      newStored = cache.toStored(newValue);
    }
    return newStored;
  }

  /** The loader, for commands that load whether or not the cache reads through. */
  CacheLoader<K, V> loader() {
    return cache.loader();
  }

  /** The loader if the cache reads through, else null. */
  CacheLoader<K, V> readThroughLoader() {
    return cache.readThroughLoader();
  }

  Duration timeToLive() {
    return timeToLive;
  }

  /** Whether the entry exists as the command has left it so far. */
  boolean exists() {
    return switch (action) {
      case NONE, READ -> current != null;
      case CREATED, UPDATED, LOADED -> true;
      case DELETED -> false;
    };
  }

  /** The value as the command has left it so far (a copy for by-value caches), or null. */
  V value() {
    return switch (action) {
      case NONE, READ -> current == null ? null : cache.fromStored(current.value());
      case CREATED, UPDATED, LOADED -> newValue();
      case DELETED -> null;
    };
  }

  /** Counts a hit or a miss, as the JCache statistics of conditional operations require. */
  void countRead(boolean hit) {
    tally.read(hit);
  }

  /** Records a read of the existing value: the access expiry applies unless the entry changes. */
  void touch() {
    if (action == Action.NONE && current != null) {
      action = Action.READ;
    }
  }

  /** Sets the value, given in stored form (see {@link TandemCacheImpl#toStored}). */
  void set(Object stored) {
    newValue = null;
    newStored = stored;
    action = current == null ? Action.CREATED : Action.UPDATED;
  }

  /** Sets the value, given as an object (an entry processor's {@code setValue}). */
  void setValue(V value) {
    newValue = value;
    newStored = null;
    action = current == null ? Action.CREATED : Action.UPDATED;
  }

  /** Sets a value that came from the loader. */
  void load(V value) {
    newValue = value;
    newStored = null;
    action = Action.LOADED;
  }

  /** Removes the entry; undoes a value created by this same command. */
  void delete() {
    newValue = null;
    newStored = null;
    action = (action == Action.CREATED || action == Action.LOADED) && current == null
        ? Action.NONE : Action.DELETED;
  }

  /** Makes a write of this command expire after {@code ttl} instead of the policy's duration. */
  void timeToLive(Duration ttl) {
    this.timeToLive = ttl;
    if (action == Action.NONE) {
      touch();
    }
  }
}
