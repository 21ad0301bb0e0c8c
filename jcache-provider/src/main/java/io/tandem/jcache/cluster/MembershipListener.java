package io.tandem.jcache.cluster;

/**
 * Told of every new topology, in view order, on JGroups' view thread. An implementation must return
 * quickly and never block on the cluster (no RPC, no waiting for other members): hand long work to
 * another thread. An exception it throws is logged and does not reach JGroups or other listeners.
 */
@FunctionalInterface
public interface MembershipListener {

  /**
   * A new view was installed.
   *
   * @param previous the topology before, or {@code null} for this member's first view
   * @param current the new topology
   */
  void topologyChanged(ClusterTopology previous, ClusterTopology current);
}
