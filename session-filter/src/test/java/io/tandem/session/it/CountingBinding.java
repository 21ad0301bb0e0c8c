package io.tandem.session.it;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.concurrent.atomic.AtomicInteger;

/** An attribute value that counts its bound and unbound calls (JVM-wide). */
public final class CountingBinding implements HttpSessionBindingListener {
  static final AtomicInteger BOUND = new AtomicInteger();
  static final AtomicInteger UNBOUND = new AtomicInteger();

  private final String value;

  CountingBinding(String value) {
    this.value = value;
  }

  @Override
  public void valueBound(HttpSessionBindingEvent event) {
    BOUND.incrementAndGet();
  }

  @Override
  public void valueUnbound(HttpSessionBindingEvent event) {
    UNBOUND.incrementAndGet();
  }

  @Override
  public String toString() {
    return "binding:" + value;
  }
}
