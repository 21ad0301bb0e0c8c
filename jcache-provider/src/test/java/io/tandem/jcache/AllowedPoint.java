package io.tandem.jcache;

/** A mutable value without a no-arg constructor, allowed by the tests' configuration. */
public final class AllowedPoint {
  int x;
  int y;

  public AllowedPoint(int x, int y) {
    this.x = x;
    this.y = y;
  }
}
