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

  /** Whether {@code member} is still in the cluster's view. */
  boolean isMember(Object member);

  /**
   * Hands {@code request} to {@code cacheName} on {@code member} and returns its answer.
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
   * @param confirmTo the member a command ran for, which awaits the other members' confirmations
   *     itself ({@link #expectConfirmations}), or null; with one, nothing is awaited here
   * @param token that member's token for them, 0 with none
   */
  Acknowledgements replicate(String cacheName, List<StateChange> changes, boolean sync,
      Object confirmTo, long token);

  /**
   * Before sending a command to {@code primary} in sync mode: the primary will not wait for the
   * other members to apply its changes; each of them confirms it to this member instead, which
   * saves the command the primary's round trip to them (the "triangle" Infinispan also uses).
   */
  Confirmations expectConfirmations(Object primary);

  /** The confirmations this member awaits for one command it sent to a primary. */
  interface Confirmations extends AutoCloseable {
    /** Identifies them; travels with the command and the primary's changes. */
    long token();

    /**
     * Waits until every member but this one and the primary confirmed having applied the changes
     * (a member that left counts as done); rethrows a member's failure.
     *
     * @throws RetryException when the primary left first: a member may have missed its changes
     */
    void await();

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
