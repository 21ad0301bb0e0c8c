package io.tandem.benchmarks.replication;

import java.util.function.BooleanSupplier;

/** Polls until a cluster has formed; fails rather than measuring a half-formed cluster. */
final class Await {

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after 60 s waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting until " + what, e);
      }
    }
  }

  /** Puts a probe through member 0 and waits until every member holds it. */
  static void replicated(ReplicatedCluster cluster, String peer) {
    Integer probe = -1;
    byte[] value = {42};
    cluster.put(0, probe, value);
    for (int member = 0; member < cluster.size(); member++) {
      int m = member;
      until(peer + " member " + m + " holds the probe entry", () -> {
        byte[] seen = cluster.get(m, probe);
        return seen != null && seen.length == 1 && seen[0] == 42;
      });
    }
  }
}
