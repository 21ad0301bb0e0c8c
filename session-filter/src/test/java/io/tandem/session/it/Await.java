package io.tandem.session.it;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a bound; polling, not sleeping for correctness. */
final class Await {
  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(25);
    }
  }
}
