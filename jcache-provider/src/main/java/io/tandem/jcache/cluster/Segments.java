package io.tandem.jcache.cluster;

import java.util.Objects;

/**
 * A fixed number of segments and the mapping of a key's serialized bytes to its segment.
 *
 * <p>A key belongs to segment {@code segmentOf(bytes)}, computed with MurmurHash3 (32-bit, fixed
 * seed) of the key's serialized form, never with {@code Object.hashCode}, which differs between
 * JVMs. The 32-bit hash is mapped to {@code [0, count)} by multiply-and-shift, which spreads evenly
 * for any count. The count must be the same on every member and can never change while the cluster
 * runs: it is part of the wire contract, like the hash function itself.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Segments {

  /** The default number of segments, as in Infinispan: enough for balance with tens of members. */
  public static final int DEFAULT_COUNT = 256;

  /** The largest segment count accepted. */
  public static final int MAX_COUNT = 1 << 16;

  private static final int SEED = 0x7a3d_e1c5;

  private final int count;

  public Segments(int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "segment count must be between 1 and " + MAX_COUNT + ", was " + count);
    }
    this.count = count;
  }

  /** {@value #DEFAULT_COUNT} segments. */
  public static Segments defaults() {
    return new Segments(DEFAULT_COUNT);
  }

  public int count() {
    return count;
  }

  /** The segment of a key, from its serialized bytes. */
  public int segmentOf(byte[] keyBytes) {
    Objects.requireNonNull(keyBytes, "keyBytes");
    long hash = Hashing.murmur3(keyBytes, SEED) & 0xffffffffL;
    return (int) ((hash * count) >>> 32);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segments other && other.count == count;
  }

  @Override
  public int hashCode() {
    return count;
  }

  @Override
  public String toString() {
    return "Segments[" + count + "]";
  }
}
