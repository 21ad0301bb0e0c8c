package io.tandem.jcache.cluster;

import io.tandem.jcache.cache.StateChange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages members exchange, as plain records serialized by the cluster's codec. Only these,
 * Tandem's requests and commands, JCache's configuration types and the application's allowed
 * classes are ever instantiated from the network.
 */
final class Envelope {

  private Envelope() {}

  /** A request for cache {@code cache} on the receiving member (answered with its result). */
  record CacheRequest(String cache, Object request) {}

  /**
   * Changes a primary committed, to apply in order. When they answer a {@link Call} of member
   * {@code caller} (an identity), they carry its {@code answer}, and with {@code confirm} each
   * other receiver tells that member {@link Confirmed} once it applied them.
   */
  record Changes(String cache, List<StateChange> changes, String caller, long token,
      boolean confirm, Object answer) {
    Changes(String cache, List<StateChange> changes) {
      this(cache, changes, null, 0, false, null);
    }
  }

  /** A command for cache {@code cache}, answered by {@link Answer} or with {@link Changes}. */
  record Call(long token, String cache, Object request) {}

  /** The answer to a {@link Call} that changed nothing: a Reply, Retry or Failure. */
  record Answer(long token, Object answer) {}

  /** The receiver of {@link Changes} applied them ({@code failure} null) or failed. */
  record Confirmed(long token, Failure failure) {}

  /**
   * Define a replicated cache on the receiving member (listeners are not part of it);
   * {@code member} created it and uses it.
   */
  record Define(String cache, Object configuration, String member) {}

  /** {@code member} starts ({@code uses}) or stops using {@code cache}. */
  record Interest(String cache, String member, boolean uses) {}

  /** Destroy a replicated cache on the receiving member. */
  record Destroy(String cache) {}

  /** Ask for the replicated caches' definitions and which members are ready. */
  record DefinitionsQuery() {}

  /** The answer to {@link DefinitionsQuery}. */
  record Definitions(Map<String, Object> caches, Set<String> readyMembers,
      Map<String, Set<String>> users) {}

  /** Ask for the entries and tombstones of {@code cache} in segments [from, to). */
  record SnapshotQuery(String cache, int from, int to) {}

  /** {@code member} (an identity) holds every entry and may be primary from now on. */
  record Ready(String member) {}

  /** A successful answer. */
  record Reply(Object value) {}

  /** The receiver is not the primary (any more): route again. */
  record Retry(String reason) {}

  /**
   * A failure: the exception chain as (class name, message) pairs, outermost first. The caller
   * rebuilds it from JDK and JCache exception types only; nothing else is instantiated.
   */
  record Failure(List<String> classes, List<String> messages) {}

  /** Every class above, for the codec's allowlist. */
  static List<String> classNames() {
    var names = new java.util.ArrayList<String>();
    for (Class<?> c : Envelope.class.getDeclaredClasses()) {
      names.add(c.getName());
    }
    return names;
  }
}
