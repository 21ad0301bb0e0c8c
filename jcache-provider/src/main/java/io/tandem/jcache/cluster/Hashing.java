package io.tandem.jcache.cluster;

import java.nio.charset.StandardCharsets;

/**
 * The hash functions of the cluster layer. They depend only on bytes, never on
 * {@code Object.hashCode} or identity hash codes, so every JVM computes the same values: the
 * placement of keys and segments is part of the wire contract and must not change between releases.
 */
final class Hashing {

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Hashing() {}

  /** MurmurHash3 (x86, 32-bit) of {@code data} with {@code seed}. */
  static int murmur3(byte[] data, int seed) {
    int h = seed;
    int len = data.length;
    int blocks = len >>> 2;
    for (int i = 0; i < blocks; i++) {
      int j = i << 2;
      int k = (data[j] & 0xff)
          | (data[j + 1] & 0xff) << 8
          | (data[j + 2] & 0xff) << 16
          | (data[j + 3] & 0xff) << 24;
      k *= C1;
      k = Integer.rotateLeft(k, 15);
      k *= C2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = blocks << 2;
    int k = 0;
    switch (len & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        k *= C2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= len;
    return fmix32(h);
  }

  static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** The 64-bit finalizer of MurmurHash3: a bijective avalanche mix. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** A 64-bit hash of a string's UTF-8 bytes (two independent 32-bit MurmurHash3 runs, mixed). */
  static long hash64(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    long hi = murmur3(bytes, 0x9747b28c) & 0xffffffffL;
    long lo = murmur3(bytes, 0x5bd1e995) & 0xffffffffL;
    return fmix64(hi << 32 | lo);
  }
}
