package io.tandem.session.web;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EventListener;
import java.util.List;

/**
 * The webapp's session listeners, called in the order the Servlet specification gives: created
 * in registration order, destroyed in reverse. A listener that throws is logged and the others
 * still run, as containers do.
 *
 * <p>Binding listeners are not registered: they are attribute values and are called on the
 * value itself.
 */
public final class SessionListeners {

  private static final System.Logger LOG = System.getLogger(SessionListeners.class.getName());

  private final List<HttpSessionListener> session = new ArrayList<>();
  private final List<HttpSessionAttributeListener> attribute = new ArrayList<>();
  private final List<HttpSessionIdListener> id = new ArrayList<>();

  /** Sorts {@code listeners} by the session interfaces each implements; others are ignored. */
  public SessionListeners(Collection<? extends EventListener> listeners) {
    for (EventListener l : listeners) {
      if (l instanceof HttpSessionListener s) {
        session.add(s);
      }
      if (l instanceof HttpSessionAttributeListener a) {
        attribute.add(a);
      }
      if (l instanceof HttpSessionIdListener i) {
        id.add(i);
      }
    }
  }

  /** Whether any attribute listener is registered (then old values must be read to tell it). */
  public boolean hasAttributeListeners() {
    return !attribute.isEmpty();
  }

  /** Whether there is anything to call when a session ends besides binding listeners. */
  public boolean hasSessionListeners() {
    return !session.isEmpty();
  }

  /** The number of listeners of each kind, for the log. */
  @Override
  public String toString() {
    return session.size() + " session, " + attribute.size() + " attribute, " + id.size()
        + " id listener(s)";
  }

  void created(HttpSession s) {
    HttpSessionEvent event = new HttpSessionEvent(s);
    for (HttpSessionListener l : session) {
      run(() -> l.sessionCreated(event), l);
    }
  }

  void destroyed(HttpSession s) {
    HttpSessionEvent event = new HttpSessionEvent(s);
    for (int i = session.size() - 1; i >= 0; i--) {
      HttpSessionListener l = session.get(i);
      run(() -> l.sessionDestroyed(event), l);
    }
  }

  void idChanged(HttpSession s, String oldId) {
    HttpSessionEvent event = new HttpSessionEvent(s);
    for (HttpSessionIdListener l : id) {
      run(() -> l.sessionIdChanged(event, oldId), l);
    }
  }

  void added(HttpSession s, String name, Object value) {
    if (attribute.isEmpty()) {
      return;
    }
    HttpSessionBindingEvent event = new HttpSessionBindingEvent(s, name, value);
    for (HttpSessionAttributeListener l : attribute) {
      run(() -> l.attributeAdded(event), l);
    }
  }

  /** @param oldValue the value replaced, as the specification's event carries */
  void replaced(HttpSession s, String name, Object oldValue) {
    if (attribute.isEmpty()) {
      return;
    }
    HttpSessionBindingEvent event = new HttpSessionBindingEvent(s, name, oldValue);
    for (HttpSessionAttributeListener l : attribute) {
      run(() -> l.attributeReplaced(event), l);
    }
  }

  void removed(HttpSession s, String name, Object value) {
    if (attribute.isEmpty()) {
      return;
    }
    HttpSessionBindingEvent event = new HttpSessionBindingEvent(s, name, value);
    for (HttpSessionAttributeListener l : attribute) {
      run(() -> l.attributeRemoved(event), l);
    }
  }

  static void bound(HttpSession s, String name, Object value) {
    if (value instanceof HttpSessionBindingListener l) {
      run(() -> l.valueBound(new HttpSessionBindingEvent(s, name, value)), l);
    }
  }

  static void unbound(HttpSession s, String name, Object value) {
    if (value instanceof HttpSessionBindingListener l) {
      run(() -> l.valueUnbound(new HttpSessionBindingEvent(s, name, value)), l);
    }
  }

  private static void run(Runnable call, Object listener) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Session listener " + listener.getClass().getName()
          + " threw; the other listeners still run", e);
    }
  }
}
