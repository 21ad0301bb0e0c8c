package io.tandem.jcache.cache;

/**
 * Entry versions: an epoch (the view in which the primary assigned it) in the high bits and a
 * per-key counter in the low bits, so that comparing two versions as longs orders them first by
 * view, then by write. A primary that takes over after a failover writes in a newer view, so its
 * versions beat anything a dead primary half-replicated. The counter has 40 bits; should it ever
 * overflow it carries into the epoch, which keeps versions increasing.
 */
final class Versions {

  private static final int COUNTER_BITS = 40;

  private Versions() {}

  /** The version after {@code previous} (0 for none) written in {@code epoch}. */
  static long next(long previous, long epoch) {
    long start = epoch << COUNTER_BITS;
    return previous >= start ? previous + 1 : start + 1;
  }
}
