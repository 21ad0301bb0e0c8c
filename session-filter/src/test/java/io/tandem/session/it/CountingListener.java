package io.tandem.session.it;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every session event one webapp (node) receives. */
public final class CountingListener
    implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger destroyed = new AtomicInteger();
  final AtomicInteger added = new AtomicInteger();
  final AtomicInteger replaced = new AtomicInteger();
  final AtomicInteger removed = new AtomicInteger();
  final AtomicInteger idChanged = new AtomicInteger();
  volatile Object lastDestroyedUser;

  @Override
  public void sessionCreated(HttpSessionEvent se) {
    created.incrementAndGet();
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent se) {
    lastDestroyedUser = se.getSession().getAttribute("user"); // still readable, as the spec says
    destroyed.incrementAndGet();
  }

  @Override
  public void attributeAdded(HttpSessionBindingEvent event) {
    added.incrementAndGet();
  }

  @Override
  public void attributeRemoved(HttpSessionBindingEvent event) {
    removed.incrementAndGet();
  }

  @Override
  public void attributeReplaced(HttpSessionBindingEvent event) {
    replaced.incrementAndGet();
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    idChanged.incrementAndGet();
  }
}
