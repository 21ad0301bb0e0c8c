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

  /** The keys a batch could not write or delete, with the writer's message; empty if none. */
  record BatchOutcome(Set<Object> failed, String message) {}

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
