package io.tandem.jcache.cache;

import java.util.Map;
import java.util.Set;

/** What one member asks of a cache on another: plain data, serialized for the wire. */
final class Requests {

  private Requests() {}

  /** Run {@code command} on {@code key} here, where the key's primary is. */
  record KeyRequest(Object key, KeyCommand<?, ?, ?> command, boolean writeThrough) {}

  /** Store these entries (key to stored value) of which this member is primary. */
  record PutAllRequest(Map<Object, Object> entries) {}

  /** Remove these keys of which this member is primary. */
  record RemoveAllRequest(Set<Object> keys) {}

  /** Clear this member's copy (no events, no writer). */
  record ClearRequest() {}

  /**
   * The keys a batch could not write or delete, with the writer's message (empty if none), and
   * what the batch counts in the caller's statistics.
   */
  record BatchOutcome(Set<Object> failed, String message, Tally tally) {}

  /**
   * A command's result, what it counts in the statistics of the member that called it, and the
   * version it left the key at (0 if it changed nothing).
   */
  record Counted(Object result, Tally tally, long version) {}

  /**
   * The statistics a command produced. JCache statistics belong to the member where the
   * operation was called, so a primary running a command for another member counts nothing
   * itself and sends this back.
   */
  static final class Tally {
    int hits;
    int misses;
    int puts;
    int removals;

    void read(boolean hit) {
      if (hit) {
        hits++;
      } else {
        misses++;
      }
    }

    void add(Tally other) {
      hits += other.hits;
      misses += other.misses;
      puts += other.puts;
      removals += other.removals;
    }

    void applyTo(io.tandem.jcache.management.CacheStatistics statistics) {
      statistics.hits(hits);
      statistics.misses(misses);
      statistics.puts(puts);
      statistics.removals(removals);
    }
  }

  /**
   * Tandem's own classes that travel between members: these requests, the commands, state
   * changes and stored values. The cluster's codec allows exactly these beyond the user's list.
   */
  static java.util.List<String> wireClasses() {
    var names = new java.util.ArrayList<String>();
    for (Class<?> c : Requests.class.getDeclaredClasses()) {
      names.add(c.getName());
    }
    for (Class<?> c : Commands.class.getDeclaredClasses()) {
      names.add(c.getName());
    }
    names.add(StateChange.class.getName());
    names.add(StateChange.Kind.class.getName());
    names.add(io.tandem.jcache.store.Serialized.class.getName());
    return names;
  }
}
