package io.tandem.jcache.store;

/**
 * The time source for expiry, in milliseconds since the epoch. Injectable so that tests can move
 * time forward instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

  /** The wall clock. */
  Clock SYSTEM = System::currentTimeMillis;

  long millis();
}
