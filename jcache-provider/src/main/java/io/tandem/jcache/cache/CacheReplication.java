package io.tandem.jcache.cache;

import java.util.List;

/**
 * What a REPLICATED cache asks of its cluster: who runs a key's commands, a way to reach that
 * member, and the delivery of committed changes to the others. Implemented by
 * {@code io.tandem.jcache.cluster}; a LOCAL cache has none. Members are opaque handles here.
 */
public interface CacheReplication {

  /** The member that runs the commands of {@code key} in the current view. */
  Object primaryOf(Object key);

  /** Whether {@code member} is this member. */
  boolean isLocal(Object member);

  /**
   * Hands {@code request} (a bulk request; commands go by {@link #call}) to {@code cacheName} on
   * {@code member} and returns its answer.
   *
   * @throws RetryException when the member is gone or no longer the key's primary; the caller
   *     asks {@link #primaryOf} again
   */
  Object send(Object member, String cacheName, Object request);

  /** Hands {@code request} to {@code cacheName} on every other member and waits for all. */
  void broadcast(String cacheName, Object request);

  /**
   * Sends committed changes, in order, to every other member. The order is fixed when this
   * returns; the caller may then release the key's lock before it awaits the acknowledgements.
   *
   * @param sync whether the answer's {@link Acknowledgements#await} waits until every member has
   *     applied them
   * @param call the {@link Call} of another member the changes answer, or null; with one, the
   *     changes carry {@code answer} to that member, the others confirm them to it directly (in
   *     sync mode), and nothing is awaited here
   */
  Acknowledgements replicate(String cacheName, List<StateChange> changes, boolean sync,
      Answering call, Object answer);

  /** Who a command came from: the calling member and its call's token. */
  record Answering(Object member, long token) {}

  /** What a cache returns for a {@link Call} its changes answered already. */
  Object ANSWERED = new Object();

  /**
   * Sends a command to {@code primary}; the cache there answers it with
   * {@link #replicate} (when it changed something) or by returning the answer.
   *
   * @param confirmed whether every other member confirms the command's changes to this one (sync
   *     mode): the primary then waits for nobody, which saves it a round trip
   */
  Call call(Object primary, String cacheName, Object request, boolean confirmed);

  /**
   * A command sent to its primary. When it changed something, the answer arrives with the
   * primary's changes, in the order every member gets them, so this member holds its own copy
   * (and its listeners have heard it) by the time {@link #answer} returns.
   */
  interface Call extends AutoCloseable {
    /** Identifies the call; travels with the command. */
    long token();

    /**
     * Waits for the primary's answer.
     *
     * @throws RetryException when the primary is gone or no longer the key's primary
     */
    Object answer();

    /**
     * Waits until every member but this one and the primary confirmed having applied the
     * command's changes (a member that left counts as done); rethrows a member's failure.
     *
     * @throws RetryException when the primary left first: a member may have missed them
     */
    void awaitConfirmations();

    @Override
    void close();
  }

  /** The outstanding acknowledgements of changes sent by {@link #replicate}. */
  @FunctionalInterface
  interface Acknowledgements {
    Acknowledgements NONE = () -> { };

    /** Waits until every member applied the changes; rethrows a member's failure or timeout. */
    void await();
  }

  /** Monotonic across views: the high part of the versions this member assigns. */
  long epoch();

  /** Throws a {@code CacheException} if this member may not write now (a minority partition). */
  void checkWritable(String cacheName);

  /** Waits (briefly, at most {@code millis}) for the view or the set of ready members to change. */
  void awaitTopologyChange(long millis);

  /** How long a remote request may take before it fails, in milliseconds. */
  long timeoutMillis();

  /** Signals that a request must be routed again. */
  final class RetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryException(String message) {
      super(message, null, false, false);
    }
  }
}
