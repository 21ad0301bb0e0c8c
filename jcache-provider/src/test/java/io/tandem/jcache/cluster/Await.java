package io.tandem.jcache.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a bounded loop: the bound is a safety net, never a measurement. */
final class Await {

  static final Duration LIMIT = Duration.ofSeconds(20);

  private Await() {}

  static void until(BooleanSupplier condition, Supplier<String> description) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + LIMIT + ": " + description.get());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
