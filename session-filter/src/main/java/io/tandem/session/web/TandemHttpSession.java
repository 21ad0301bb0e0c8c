package io.tandem.session.web;

import io.tandem.jcache.serialization.Immutables;
import io.tandem.session.store.SessionDelta;
import io.tandem.session.store.SessionState;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link HttpSession} a request sees: a copy of the stored state, with the attribute values
 * this request read or set kept as objects, and what it changed recorded for the next
 * {@link #takeDelta save}.
 *
 * <p>Values are deserialized lazily, one attribute at a time. {@code setAttribute} serializes the
 * value at once, so one that cannot be stored fails there and then; the save serializes it again
 * so that changes made to the object after {@code setAttribute} are kept. With
 * {@link SessionSupport#saveMutatedAttributes()}, attributes only read are serialized at save and
 * written when their bytes differ from the stored ones.
 *
 * <p>Methods are synchronized: a request may hand its session to other threads (async servlets).
 */
public final class TandemHttpSession implements HttpSession {

  private static final System.Logger LOG = System.getLogger(TandemHttpSession.class.getName());

  private final SessionSupport support;
  private final boolean isNew;
  private final long creationTime;
  private final long lastAccessedTime;
  private final long absoluteDeadline;
  /** Stored bytes per attribute name (as loaded, then as last saved); absent for unsaved ones. */
  private final Map<String, byte[]> stored;
  /** Names whose stored value wants unbind callbacks. */
  private final Set<String> notifyOnUnbind;
  /** Live objects of attributes read or set by this request. */
  private final Map<String, Object> values = new HashMap<>();
  /** Attribute names, in no particular order. */
  private final Set<String> names;
  /** Changes since the last save. */
  private final Set<String> setSinceSave = new LinkedHashSet<>();
  private final Set<String> removedSinceSave = new HashSet<>();
  private final Map<String, byte[]> bytesAtSet = new HashMap<>();
  private String id;
  private int maxInactiveSeconds;
  private boolean maxInactiveChanged;
  private boolean unsaved;
  private boolean accessSaved;
  private boolean invalid;

  private TandemHttpSession(SessionSupport support, String id, boolean isNew, SessionState state) {
    this.support = support;
    this.id = id;
    this.isNew = isNew;
    this.unsaved = isNew;
    this.creationTime = state.creationTime();
    this.lastAccessedTime = state.lastAccessedTime();
    this.absoluteDeadline = state.absoluteDeadline();
    this.maxInactiveSeconds = state.maxInactiveSeconds();
    this.stored = new HashMap<>(state.attributes());
    this.notifyOnUnbind = new HashSet<>(state.notifyOnUnbind());
    this.names = new HashSet<>(stored.keySet());
  }

  /** A session the client presented and the store knows. */
  static TandemHttpSession loaded(SessionSupport support, String id, SessionState state) {
    return new TandemHttpSession(support, id, false, state);
  }

  /** A session created by this request, not stored until its first save. */
  static TandemHttpSession created(SessionSupport support, String id, SessionState state) {
    return new TandemHttpSession(support, id, true, state);
  }

  /**
   * A read-only view of a session that expired, for its destroyed event; invalidating it is a
   * no-op.
   */
  static TandemHttpSession expired(SessionSupport support, String id, SessionState state) {
    return new TandemHttpSession(support, id, false, state);
  }

  // ------------------------------------------------------------------ HttpSession

  @Override
  public synchronized long getCreationTime() {
    checkValid("getCreationTime");
    return creationTime;
  }

  @Override
  public synchronized String getId() {
    return id;
  }

  @Override
  public synchronized long getLastAccessedTime() {
    checkValid("getLastAccessedTime");
    return lastAccessedTime;
  }

  @Override
  public ServletContext getServletContext() {
    return support.servletContext();
  }

  @Override
  public synchronized void setMaxInactiveInterval(int interval) {
    checkValid("setMaxInactiveInterval");
    if (interval != maxInactiveSeconds) {
      maxInactiveSeconds = interval;
      maxInactiveChanged = true;
    }
  }

  @Override
  public synchronized int getMaxInactiveInterval() {
    return maxInactiveSeconds;
  }

  @Override
  public synchronized Object getAttribute(String name) {
    checkValid("getAttribute");
    if (name == null) {
      return null;
    }
    return read(name);
  }

  @Override
  public synchronized Enumeration<String> getAttributeNames() {
    checkValid("getAttributeNames");
    return Collections.enumeration(new ArrayList<>(names));
  }

  @Override
  public synchronized void setAttribute(String name, Object value) {
    checkValid("setAttribute");
    if (name == null) {
      throw new IllegalArgumentException("A session attribute name must not be null");
    }
    if (value == null) {
      removeAttribute(name);
      return;
    }
    byte[] bytes = support.repository().codec().serialize(name, value); // fails fast, IAE
    boolean existed = names.contains(name);
    Object old = existed ? oldValue(name) : null;
    if (old != value) {
      SessionListeners.bound(this, name, value);
    }
    values.put(name, value);
    names.add(name);
    setSinceSave.add(name);
    removedSinceSave.remove(name);
    bytesAtSet.put(name, bytes);
    if (old != null && old != value) {
      SessionListeners.unbound(this, name, old);
    }
    if (existed) {
      support.listeners().replaced(this, name, old);
    } else {
      support.listeners().added(this, name, value);
    }
  }

  @Override
  public synchronized void removeAttribute(String name) {
    checkValid("removeAttribute");
    if (name == null || !names.contains(name)) {
      return;
    }
    Object old = oldValue(name);
    names.remove(name);
    values.remove(name);
    setSinceSave.remove(name);
    bytesAtSet.remove(name);
    removedSinceSave.add(name);
    SessionListeners.unbound(this, name, old);
    support.listeners().removed(this, name, old);
  }

  @Override
  public void invalidate() {
    RequestSessions owner;
    synchronized (this) {
      checkValid("invalidate");
      owner = this.owner;
    }
    boolean wasStored;
    synchronized (this) {
      wasStored = !unsaved;
    }
    // Remove first: if the store no longer has it, it expired and its EXPIRED event already
    // tells the listeners; telling them here too would make two destroyed events.
    boolean removed = wasStored && support.repository().delete(id);
    if (removed || !wasStored) {
      support.listeners().destroyed(this);
      unbindAll(this);
    }
    synchronized (this) {
      invalid = true;
    }
    if (owner != null) {
      owner.invalidated(this);
    }
  }

  @Override
  public synchronized boolean isNew() {
    checkValid("isNew");
    return isNew;
  }

  // ------------------------------------------------------------------ for the filter

  private RequestSessions owner;

  void owner(RequestSessions owner) {
    this.owner = owner;
  }

  synchronized boolean isValid() {
    return !invalid;
  }

  synchronized boolean isUnsaved() {
    return unsaved;
  }

  synchronized void changeId(String newId) {
    this.id = newId;
  }

  /** Runs the destroyed listeners and unbinds every attribute, as expiry and invalidate do. */
  static void unbindAll(TandemHttpSession session) {
    List<String> all;
    synchronized (session) {
      all = new ArrayList<>(session.names);
    }
    boolean attributeListeners = session.support.listeners().hasAttributeListeners();
    for (String name : all) {
      Object value;
      synchronized (session) {
        if (!attributeListeners && !session.values.containsKey(name)
            && !session.notifyOnUnbind.contains(name)) {
          continue; // nobody to tell: do not deserialize it
        }
        value = session.read(name);
        session.names.remove(name);
        session.values.remove(name);
      }
      if (value != null) {
        SessionListeners.unbound(session, name, value);
        session.support.listeners().removed(session, name, value);
      }
    }
  }

  /**
   * What changed since the last call, as a delta stamped {@code now}; null when nothing needs
   * writing. Marks everything in it as saved.
   */
  synchronized SessionDelta takeDelta(long now) {
    if (invalid) {
      return null;
    }
    Map<String, byte[]> set = new HashMap<>();
    Set<String> notify = new HashSet<>();
    for (String name : setSinceSave) {
      Object value = values.get(name);
      byte[] bytes = Immutables.isImmutable(value) ? bytesAtSet.get(name) : reserialize(name, value);
      if (bytes == null) {
        bytes = bytesAtSet.get(name); // changed into something unstorable: keep what was set
      }
      set.put(name, bytes);
    }
    if (support.saveMutatedAttributes()) {
      for (Map.Entry<String, Object> e : values.entrySet()) {
        String name = e.getKey();
        if (setSinceSave.contains(name) || Immutables.isImmutable(e.getValue())) {
          continue;
        }
        byte[] bytes = reserialize(name, e.getValue());
        if (bytes != null && !Arrays.equals(bytes, stored.get(name))) {
          set.put(name, bytes);
        }
      }
    }
    for (String name : set.keySet()) {
      if (values.get(name) instanceof HttpSessionBindingListener) {
        notify.add(name);
      }
    }
    boolean changed = unsaved || !set.isEmpty() || !removedSinceSave.isEmpty()
        || maxInactiveChanged;
    if (!changed && accessSaved) {
      return null;
    }
    SessionState initial = unsaved
        ? SessionState.create(creationTime, maxInactiveSeconds, absoluteDeadline) : null;
    SessionDelta delta = new SessionDelta(initial, set, removedSinceSave, notify, now,
        maxInactiveChanged || unsaved ? maxInactiveSeconds : SessionDelta.UNCHANGED);
    stored.putAll(set);
    removedSinceSave.forEach(stored::remove);
    for (String name : set.keySet()) {
      if (notify.contains(name)) {
        notifyOnUnbind.add(name);
      } else {
        notifyOnUnbind.remove(name);
      }
    }
    removedSinceSave.forEach(notifyOnUnbind::remove);
    setSinceSave.clear();
    removedSinceSave.clear();
    bytesAtSet.clear();
    maxInactiveChanged = false;
    unsaved = false;
    accessSaved = true;
    return delta;
  }

  // ------------------------------------------------------------------ internals

  private Object read(String name) {
    Object value = values.get(name);
    if (value != null || !names.contains(name)) {
      return value;
    }
    byte[] bytes = stored.get(name);
    if (bytes == null) {
      return null;
    }
    try {
      value = support.repository().codec().deserialize(name, bytes);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, e.getMessage());
      return null;
    }
    values.put(name, value);
    return value;
  }

  /** The current value before a replace or remove, read only when someone will be told. */
  private Object oldValue(String name) {
    if (values.containsKey(name)) {
      return values.get(name);
    }
    if (support.listeners().hasAttributeListeners() || notifyOnUnbind.contains(name)) {
      return read(name);
    }
    return null;
  }

  private byte[] reserialize(String name, Object value) {
    try {
      return support.repository().codec().serialize(name, value);
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "Session attribute '" + name + "' changed after it was"
          + " set or read and can no longer be stored; keeping its previous value: "
          + e.getMessage());
      return null;
    }
  }

  private void checkValid(String method) {
    if (invalid) {
      throw new IllegalStateException(method + ": the session has been invalidated");
    }
  }

  @Override
  public String toString() {
    return "TandemHttpSession{" + (invalid ? "invalid, " : "") + "attributes=" + names + "}";
  }
}
