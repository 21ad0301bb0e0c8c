package io.tandem.jcache.serialization.testmodel;

/** Final fields and no no-arg constructor: only Objenesis can create it without calling one. */
public final class Point {
  private final int x;
  private final int y;

  public Point(int x, int y) {
    if (x < 0 || y < 0) {
      throw new IllegalArgumentException("negative");
    }
    this.x = x;
    this.y = y;
  }

  public int x() {
    return x;
  }

  public int y() {
    return y;
  }
}
