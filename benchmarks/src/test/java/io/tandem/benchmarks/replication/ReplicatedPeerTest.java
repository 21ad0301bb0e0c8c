package io.tandem.benchmarks.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each peer's adapter forms a 2-member cluster on 127.0.0.1 and replicates: a put through member 0
 * is readable on member 1 (synchronous peers only, where the put returning promises it). Each takes
 * 3-6 s, mostly JGroups' join timeout and Hazelcast's start-up; no benchmark runs here.
 */
class ReplicatedPeerTest {

  @ParameterizedTest
  @EnumSource(value = ReplicatedPeer.class, names = ".*_(sync|floor)", mode = EnumSource.Mode.MATCH_ANY)
  void putThroughOneMemberIsOnTheOther(ReplicatedPeer peer) {
    byte[] value = new byte[ReplicatedPutBenchmark.VALUE_SIZE];
    value[0] = 1;
    value[value.length - 1] = 2;
    try (var cluster = peer.start(2)) {
      cluster.put(0, 7, value);
      assertArrayEquals(value, cluster.get(1, 7), peer.toString());
    }
  }
}
