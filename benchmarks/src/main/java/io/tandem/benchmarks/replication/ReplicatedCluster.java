package io.tandem.benchmarks.replication;

/**
 * The members of one cluster, all in this JVM, holding one replicated map of {@code Integer} keys
 * to {@code byte[]} values.
 */
public interface ReplicatedCluster extends AutoCloseable {

  /** Number of members. */
  int size();

  /** Writes through {@code member}; returns when the peer's configured replication says so. */
  void put(int member, Integer key, byte[] value);

  /** Reads from {@code member}'s copy; {@code null} when it has none (or, for the floor, never). */
  byte[] get(int member, Integer key);

  @Override
  void close();
}
