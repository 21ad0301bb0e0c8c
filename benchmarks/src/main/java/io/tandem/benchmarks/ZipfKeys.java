package io.tandem.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A sequence of keys in {@code [0, items)} drawn from a Zipf distribution: a few keys are hot, most
 * are cold, as in real cache traffic. Ranks are mapped to keys through a random permutation so the
 * hot keys are scattered over the key space instead of being the smallest integers, which would sit
 * side by side in a hash table.
 */
final class ZipfKeys {

  /** The skew YCSB uses by default: rank r is drawn with weight {@code 1 / r^0.99}. */
  static final double DEFAULT_EXPONENT = 0.99;

  private ZipfKeys() {}

  /**
   * {@code length} keys in {@code [0, items)}, rank {@code r} (1-based) drawn with probability
   * proportional to {@code 1 / r^exponent}; the same {@code seed} gives the same sequence.
   */
  static int[] draw(int items, int length, double exponent, long seed) {
    var cumulative = new double[items];
    double total = 0;
    for (int rank = 0; rank < items; rank++) {
      total += 1.0 / Math.pow(rank + 1, exponent);
      cumulative[rank] = total;
    }

    var random = new SplittableRandom(seed);
    var keyOfRank = new int[items];
    for (int i = 0; i < items; i++) {
      keyOfRank[i] = i;
    }
    for (int i = items - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = keyOfRank[i];
      keyOfRank[i] = keyOfRank[j];
      keyOfRank[j] = swap;
    }

    var keys = new int[length];
    for (int i = 0; i < length; i++) {
      int rank = Arrays.binarySearch(cumulative, random.nextDouble() * total);
      if (rank < 0) {
        rank = -rank - 1;
      }
      keys[i] = keyOfRank[Math.min(rank, items - 1)];
    }
    return keys;
  }
}
