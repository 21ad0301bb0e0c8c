package io.tandem.jcache;

import io.tandem.jcache.store.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.configuration.Factory;

/** A clock tests move by hand; shared through a static so a Factory can hand it out. */
public final class ManualClock implements Clock {

  private final AtomicLong now = new AtomicLong(1_000_000);

  @Override
  public long millis() {
    return now.get();
  }

  public void advance(Duration d) {
    now.addAndGet(d.toMillis());
  }

  /** A factory that always returns this clock (not serializable across JVMs; tests only). */
  public Factory<Clock> factory() {
    return () -> this;
  }
}
