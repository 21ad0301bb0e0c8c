package io.tandem.jcache.store;

import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HashSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The entries of one cache on this member, with the per-key locks that order every mutation and an
 * optional size bound.
 *
 * <p>Reads go straight to the map. Mutations happen only between {@link #lock} and
 * {@link #unlock} of the key, which is what makes a command on a key atomic. Locks are striped;
 * they are reentrant so that a listener or processor may touch the same key again.
 *
 * <p>The bound is kept with CLOCK, an approximation of LRU: keys enter a queue in insertion order,
 * reads set a reference bit, and the sweep gives a referenced key a second chance before it
 * evicts an unreferenced one. It costs one volatile read per hit and no lock on reads.
 */
public final class Store {

  private static final int STRIPES = 1024; // power of two

  private final ConcurrentHashMap<Object, StoredEntry> entries = new ConcurrentHashMap<>();
  /**
   * Versions of removed keys (replicated caches only), kept so that a stale copy of a removed
   * entry arriving late, or from the other side of a healed partition, cannot bring it back.
   * Each holds {version, time of removal}; {@link #pruneTombstones} drops old ones.
   */
  private final ConcurrentHashMap<Object, long[]> tombstones = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final long maxEntries;
  private final Queue<Object> clock;
  private final Consumer<Object> onEviction;
  /** Queue slots, including those of keys removed since: compacted when they pile up. */
  private final AtomicInteger slots = new AtomicInteger();

  /**
   * @param maxEntries the bound, 0 for none
   * @param onEviction told the key of every entry evicted to keep the bound
   */
  public Store(long maxEntries, Consumer<Object> onEviction) {
    this.maxEntries = maxEntries;
    this.clock = maxEntries > 0 ? new ConcurrentLinkedQueue<>() : null;
    this.onEviction = onEviction;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The entry of {@code key}, expired or not, without touching its reference bit. */
  public StoredEntry peek(Object key) {
    return entries.get(key);
  }

  /** The entry of {@code key}, marked as recently used. */
  public StoredEntry read(Object key) {
    StoredEntry entry = entries.get(key);
    if (entry != null && clock != null) {
      entry.markReferenced();
    }
    return entry;
  }

  public void lock(Object key) {
    lockOf(key).lock();
  }

  public void unlock(Object key) {
    lockOf(key).unlock();
  }

  /** Whether some thread holds the lock of {@code key}'s stripe right now. */
  public boolean isLocked(Object key) {
    return lockOf(key).isLocked();
  }

  /** Installs {@code entry}; the caller holds the key's lock. May evict other keys. */
  public void put(Object key, StoredEntry entry) {
    if (!tombstones.isEmpty()) {
      tombstones.remove(key);
    }
    if (entries.put(key, entry) == null && clock != null) {
      clock.add(key);
      if (slots.incrementAndGet() > 2 * entries.size() + 64) {
        compact();
      }
      evictBeyondBound();
    }
  }

  /** Removes the entry of {@code key}; the caller holds the key's lock. */
  public StoredEntry remove(Object key) {
    return entries.remove(key);
  }

  /** Removes the entry only if it is still {@code expected}; the caller holds the key's lock. */
  public boolean remove(Object key, StoredEntry expected) {
    return entries.remove(key, expected);
  }

  /** Records that {@code key} was removed at {@code version}; the caller holds the key's lock. */
  public void tombstone(Object key, long version, long now) {
    tombstones.put(key, new long[] {version, now});
  }

  /** The version at which {@code key} was last removed, or 0. */
  public long tombstoneVersion(Object key) {
    long[] t = tombstones.isEmpty() ? null : tombstones.get(key);
    return t == null ? 0 : t[0];
  }

  /** Calls {@code action} with every tombstone's key and version. */
  public void forEachTombstone(java.util.function.ObjLongConsumer<Object> action) {
    tombstones.forEach((key, t) -> action.accept(key, t[0]));
  }

  /** Forgets tombstones older than {@code before} (ms of the clock). */
  public void pruneTombstones(long before) {
    tombstones.values().removeIf(t -> t[1] < before);
  }

  public int size() {
    return entries.size();
  }

  /** A weakly consistent view of all entries, expired ones included. */
  public Iterator<Map.Entry<Object, StoredEntry>> iterator() {
    return entries.entrySet().iterator();
  }

  /** Removes every entry at once, without events (JCache {@code clear}). */
  public void clear() {
    entries.clear();
    if (clock != null) {
      clock.clear();
      slots.set(0);
    }
    tombstones.clear();
  }

  /** Drops the slots of removed keys and duplicate slots of re-inserted ones. */
  private synchronized void compact() {
    var seen = new HashSet<Object>();
    clock.removeIf(key -> !entries.containsKey(key) || !seen.add(key));
    slots.set(seen.size());
  }

  private void evictBeyondBound() {
    // Bounded passes: each key gets at most one second chance per pass, so this ends.
    int budget = 2 * Math.max(16, slots.get());
    while (entries.size() > maxEntries && budget-- > 0) {
      Object candidate = clock.poll();
      if (candidate == null) {
        return;
      }
      slots.decrementAndGet();
      StoredEntry entry = entries.get(candidate);
      if (entry == null) {
        continue; // removed meanwhile: its queue slot is simply dropped
      }
      // tryLock: waiting for another key's lock while holding ours could deadlock
      ReentrantLock lock = lockOf(candidate);
      if (entry.takeReference() || !lock.tryLock()) {
        requeue(candidate);
        continue;
      }
      try {
        if (entries.remove(candidate, entry)) {
          onEviction.accept(candidate);
        } else if (entries.containsKey(candidate)) {
          requeue(candidate);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void requeue(Object key) {
    clock.add(key);
    slots.incrementAndGet();
  }

  private ReentrantLock lockOf(Object key) {
    int h = key.hashCode();
    h ^= (h >>> 16);
    return locks[h & (STRIPES - 1)];
  }
}
