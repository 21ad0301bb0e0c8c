package io.tandem.jcache.serialization.testmodel;

/** An enum with a constant body: its runtime class is a synthetic subclass, Rating$1. */
public enum Rating {
  GOOD,
  SPECIAL {
    @Override
    public String toString() {
      return "special";
    }
  }
}
