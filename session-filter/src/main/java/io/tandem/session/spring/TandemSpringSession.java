package io.tandem.session.spring;

import io.tandem.session.store.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;

/**
 * A Spring {@link Session} kept by a {@link TandemIndexedSessionRepository}: a snapshot of the
 * stored {@link SessionState} plus what changed since it was read or last saved. Attribute values
 * are deserialized one at a time, when first read; a save sends only the changes (see
 * {@link TandemIndexedSessionRepository#save}).
 *
 * <p>Not thread-safe, like the sessions of Spring Session's other repositories: one request
 * works on one instance.
 */
public final class TandemSpringSession implements Session {

  private final TandemIndexedSessionRepository repository;
  private final SessionState stored; // null for a new session
  private final long creationTime;
  private String id;
  private String originalId;
  private boolean isNew;
  private long lastAccessedTime;
  private Duration maxInactiveInterval;
  private boolean lastAccessedChanged;
  private boolean maxInactiveChanged;
  /** Values read or set (never null). */
  private final Map<String, Object> values = new HashMap<>();
  /** Names removed since the snapshot. */
  private final Set<String> removed = new HashSet<>();
  /** Names set or removed since the last save. */
  private final Set<String> changed = new LinkedHashSet<>();
  /** While the repository reads attributes for itself: no SaveMode tracking. */
  private boolean untracked;

  /** A new session. */
  TandemSpringSession(TandemIndexedSessionRepository repository, String id, long now,
      Duration maxInactiveInterval) {
    this.repository = repository;
    this.stored = null;
    this.id = id;
    this.originalId = id;
    this.isNew = true;
    this.creationTime = now;
    this.lastAccessedTime = now;
    this.maxInactiveInterval = maxInactiveInterval;
  }

  /** A stored session. */
  TandemSpringSession(TandemIndexedSessionRepository repository, String id, SessionState stored) {
    this.repository = repository;
    this.stored = stored;
    this.id = id;
    this.originalId = id;
    this.isNew = false;
    this.creationTime = stored.creationTime();
    this.lastAccessedTime = stored.lastAccessedTime();
    this.maxInactiveInterval = TandemIndexedSessionRepository.toDuration(
        stored.maxInactiveSeconds());
  }

  @Override
  public String getId() {
    return id;
  }

  /** The id the session had when read or last saved (differs after {@link #changeSessionId}). */
  String originalId() {
    return originalId;
  }

  boolean isNew() {
    return isNew;
  }

  SessionState stored() {
    return stored;
  }

  @Override
  public String changeSessionId() {
    id = repository.newId();
    repository.flushIfImmediate(this);
    return id;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getAttribute(String attributeName) {
    if (TandemIndexedSessionRepository.PRINCIPAL_ATTRIBUTE.equals(attributeName)
        || removed.contains(attributeName)) {
      return null;
    }
    Object value = values.get(attributeName);
    if (value == null && stored != null) {
      byte[] bytes = stored.attribute(attributeName);
      if (bytes != null) {
        value = repository.decode(attributeName, bytes);
        values.put(attributeName, value);
      }
    }
    if (value != null && !untracked && repository.saveMode() == SaveMode.ON_GET_ATTRIBUTE) {
      changed.add(attributeName);
    }
    return (T) value;
  }

  /** {@link #getAttribute} without SaveMode tracking, for the repository's own reads. */
  <T> T peekAttribute(String name) {
    boolean was = untracked;
    untracked = true;
    try {
      return getAttribute(name);
    } finally {
      untracked = was;
    }
  }

  @Override
  public Set<String> getAttributeNames() {
    Set<String> names = new HashSet<>(values.keySet());
    if (stored != null) {
      names.addAll(stored.attributes().keySet());
    }
    names.removeAll(removed);
    names.remove(TandemIndexedSessionRepository.PRINCIPAL_ATTRIBUTE);
    return names;
  }

  @Override
  public void setAttribute(String attributeName, Object attributeValue) {
    if (attributeValue == null) {
      removeAttribute(attributeName);
      return;
    }
    values.put(attributeName, attributeValue);
    removed.remove(attributeName);
    changed.add(attributeName);
    repository.flushIfImmediate(this);
  }

  @Override
  public void removeAttribute(String attributeName) {
    values.remove(attributeName);
    removed.add(attributeName);
    changed.add(attributeName);
    repository.flushIfImmediate(this);
  }

  @Override
  public Instant getCreationTime() {
    return Instant.ofEpochMilli(creationTime);
  }

  long creationMillis() {
    return creationTime;
  }

  @Override
  public void setLastAccessedTime(Instant lastAccessedTime) {
    this.lastAccessedTime = lastAccessedTime.toEpochMilli();
    this.lastAccessedChanged = true;
    repository.flushIfImmediate(this);
  }

  @Override
  public Instant getLastAccessedTime() {
    return Instant.ofEpochMilli(lastAccessedTime);
  }

  long lastAccessedMillis() {
    return lastAccessedTime;
  }

  @Override
  public void setMaxInactiveInterval(Duration interval) {
    this.maxInactiveInterval = interval;
    this.maxInactiveChanged = true;
    repository.flushIfImmediate(this);
  }

  @Override
  public Duration getMaxInactiveInterval() {
    return maxInactiveInterval;
  }

  boolean maxInactiveChanged() {
    return maxInactiveChanged;
  }

  boolean lastAccessedChanged() {
    return lastAccessedChanged;
  }

  @Override
  public boolean isExpired() {
    return isExpired(repository.now());
  }

  boolean isExpired(long now) {
    if (maxInactiveInterval.isNegative()) {
      return false;
    }
    return now - maxInactiveInterval.toMillis() >= lastAccessedTime;
  }

  /** Names to write on the next save: set or removed, or read under ON_GET_ATTRIBUTE. */
  Set<String> changedNames() {
    if (repository.saveMode() == SaveMode.ALWAYS || isNew) {
      Set<String> all = new LinkedHashSet<>(getAttributeNames());
      all.addAll(changed);
      return all;
    }
    return changed;
  }

  /** The value to write for {@code name}: null when it is removed. */
  Object valueToWrite(String name) {
    return peekAttribute(name);
  }

  /** Whether a save has anything to write. */
  boolean hasChanges() {
    return isNew || !id.equals(originalId) || lastAccessedChanged || maxInactiveChanged
        || !changedNames().isEmpty();
  }

  /** After a save: what was written is the new baseline. */
  void saved() {
    isNew = false;
    originalId = id;
    lastAccessedChanged = false;
    maxInactiveChanged = false;
    changed.clear();
  }

  @Override
  public String toString() {
    return "TandemSpringSession{new=" + isNew + ", attributes=" + getAttributeNames() + "}";
  }
}
