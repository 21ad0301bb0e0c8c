package io.tandem.benchmarks.replication;

import java.util.UUID;
import java.util.function.BiFunction;
import org.infinispan.configuration.cache.CacheMode;

/** What {@link ReplicatedPutBenchmark} compares: each starts a cluster of its own in this JVM. */
public enum ReplicatedPeer {

  /** Raw JGroups request/response to every other member, on Tandem's {@code tcp} stack. */
  JGroups_floor((members, name) -> new JGroupsRpcCluster(JGroupsStacks.TANDEM_TCP, members, name)),

  /** The same round trip on Infinispan's default TCP stack, to tell stack from product. */
  JGroups_floorIspnStack((members, name) ->
      new JGroupsRpcCluster(JGroupsStacks.INFINISPAN_TCP, members, name)),

  /** Tandem REPLICATED, {@code replication=sync}: returns after every member applied the put. */
  Tandem_sync((members, name) -> new TandemReplicatedCluster("sync", members, name)),

  /** Tandem REPLICATED, {@code replication=async}: returns after the key's primary applied it. */
  Tandem_async((members, name) -> new TandemReplicatedCluster("async", members, name)),

  /** Infinispan {@code REPL_SYNC}. */
  Infinispan_sync((members, name) -> new InfinispanReplicatedCluster(CacheMode.REPL_SYNC, members, name)),

  /** Infinispan {@code REPL_ASYNC}. */
  Infinispan_async((members, name) -> new InfinispanReplicatedCluster(CacheMode.REPL_ASYNC, members, name)),

  /** Hazelcast IMap with one synchronous backup. */
  Hazelcast_sync((members, name) -> new HazelcastReplicatedCluster(true, members, name)),

  /** Hazelcast IMap with one asynchronous backup. */
  Hazelcast_async((members, name) -> new HazelcastReplicatedCluster(false, members, name));

  private final BiFunction<Integer, String, ReplicatedCluster> starter;

  ReplicatedPeer(BiFunction<Integer, String, ReplicatedCluster> starter) {
    this.starter = starter;
  }

  /**
   * Starts {@code members} members on 127.0.0.1 under a cluster name of their own, and returns once
   * an entry put through member 0 is visible on every member.
   */
  public ReplicatedCluster start(int members) {
    var cluster = starter.apply(members, "replbench-" + name() + "-" + UUID.randomUUID());
    try {
      Await.replicated(cluster, name());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }
}
