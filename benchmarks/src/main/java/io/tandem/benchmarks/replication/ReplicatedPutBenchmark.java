package io.tandem.benchmarks.replication;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Latency and throughput of a replicated put of a 1 KB {@code byte[]}, 2 or 3 members in this JVM
 * over TCP on 127.0.0.1: Tandem (REPLICATED, sync and async), Infinispan (REPL_SYNC/REPL_ASYNC),
 * Hazelcast (IMap, one sync or async backup), and raw JGroups request/response as the floor (see
 * {@link ReplicatedPeer}). Every put goes through member 0, to one of 1,024 {@code Integer} keys
 * in turn, so the key's primary is member 0 for some keys and another member for the rest, in each
 * product.
 *
 * <ul>
 *   <li>{@code latency}: one caller thread, JMH {@code SampleTime} (every call timed; the report
 *       gives p0.50 and p0.99 in µs).
 *   <li>{@code throughput}: 4 caller threads on member 0, ops/s.
 * </ul>
 *
 * <p>Build and run (from the repository root; about 16 minutes for 8 peers × 2 sizes × 2 modes):
 *
 * <pre>{@code
 * mvn -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ReplicatedPutBenchmark -f 1 -wi 5 -w 3s -i 3 -r 3s \
 *     -rf json -rff replication.json
 * python3 benchmarks/replication/table.py replication.json
 * }</pre>
 *
 * Add {@code -p peer=JGroups_floor,Tandem_sync,Infinispan_sync -p members=2} to run a few. Each
 * peer and member count runs in a fork of its own, so one peer's threads never share a JVM with
 * another's. {@code docs/benchmarks.md} ("Replication") has the latest table.
 */
@State(Scope.Benchmark)
public class ReplicatedPutBenchmark {

  static final int VALUE_SIZE = 1024;
  static final int KEYS = 1024;
  static final int MASK = KEYS - 1;

  @Param({
      "JGroups_floor",
      "JGroups_floorIspnStack",
      "Tandem_sync",
      "Infinispan_sync",
      "Hazelcast_sync",
      "Tandem_async",
      "Infinispan_async",
      "Hazelcast_async",
  })
  ReplicatedPeer peer;

  @Param({"2", "3"})
  int members;

  ReplicatedCluster cluster;
  Integer[] keys;
  byte[][] values;

  /** Where a caller thread is in the key sequence; each starts at a random key. */
  @State(Scope.Thread)
  public static class Caller {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup
  public void setUp() {
    keys = new Integer[KEYS];
    values = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = i;
      values[i] = new byte[VALUE_SIZE];
      ThreadLocalRandom.current().nextBytes(values[i]);
    }
    // Infinispan is built against an older 5.5.x; the build pins the one JGroups jar for all peers.
    System.out.println("# JGroups " + org.jgroups.Version.printVersion() + ", " + peer + ", "
        + members + " members");
    cluster = peer.start(members);
    for (int i = 0; i < KEYS; i++) {
      cluster.put(0, keys[i], values[i]);
    }
  }

  @TearDown
  public void tearDown() {
    cluster.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public void latency(Caller caller) {
    int i = caller.index++ & MASK;
    cluster.put(0, keys[i], values[i]);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public void throughput(Caller caller) {
    int i = caller.index++ & MASK;
    cluster.put(0, keys[i], values[i]);
  }
}
