package io.tandem.session.spring;

import io.tandem.session.store.CodecAttributeCodec;
import io.tandem.session.store.SessionDelta;
import io.tandem.session.store.SessionEventListener;
import io.tandem.session.store.SessionIds;
import io.tandem.session.store.SessionRepository;
import io.tandem.session.store.SessionState;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.Cache;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.session.DelegatingIndexResolver;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.IndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;

/**
 * A Spring Session repository on a Tandem cache, with the layout and the writes of
 * {@code TandemSessionFilter}: one entry per session id holding a {@link SessionState}, every
 * write a {@link SessionDelta} applied atomically by {@code Cache.invoke} on the entry, carrying
 * only what changed. A session written through Spring is readable by the filter and the other way
 * round (same cache name, same ids: {@link SessionIds}, 128 random bits).
 *
 * <p><b>Principal index.</b> The principal name of a session (from an {@link IndexResolver},
 * by default the {@code PRINCIPAL_NAME_INDEX_NAME} attribute or Spring Security's
 * authentication) is stored in the session's own entry, as the String attribute
 * {@value #PRINCIPAL_ATTRIBUTE}, written by the same delta as the change that set it.
 * {@link #findByIndexNameAndIndexValue} scans the cache: a replicated cache holds every session
 * on every member, so the scan is local and cluster-wide at once, and it can never disagree with
 * the sessions (an expired, deleted or renamed session leaves it with its entry; there is no
 * second cache to repair after a crash). It costs one pass over this member's sessions per lookup,
 * comparing bytes, which suits a lookup made at login (concurrent-session control).
 *
 * <p><b>Events</b>: {@link SessionCreatedEvent}, {@link SessionDeletedEvent} and
 * {@link SessionExpiredEvent} come from the cache's own events, not from this class's methods, so
 * that a session the servlet filter creates, invalidates or lets expire raises them too. Each is
 * published once in the cluster: by the member that is the session entry's primary, and there by
 * one repository per cache ({@link SessionRepository#subscribe}), shortly after the change, on
 * the cache's event thread. A changed id ({@link SessionRepository#move}) raises none.
 */
public class TandemIndexedSessionRepository
    implements FindByIndexNameSessionRepository<TandemSpringSession>,
        ApplicationEventPublisherAware, DisposableBean, AutoCloseable {

  /** The attribute holding a session's principal name for the index; hidden from the session. */
  public static final String PRINCIPAL_ATTRIBUTE = "io.tandem.session.spring.principal";
  /** The default cache name, the filter's. */
  public static final String DEFAULT_CACHE_NAME = "tandem-sessions";
  /** Spring Session's default idle limit, 30 minutes. */
  public static final int DEFAULT_MAX_INACTIVE_INTERVAL_SECONDS = 1800;

  private static final System.Logger LOG =
      System.getLogger(TandemIndexedSessionRepository.class.getName());

  private final SessionRepository store;
  private final AutoCloseable subscription;
  private volatile ApplicationEventPublisher publisher = event -> {};
  private Duration defaultMaxInactiveInterval =
      Duration.ofSeconds(DEFAULT_MAX_INACTIVE_INTERVAL_SECONDS);
  private FlushMode flushMode = FlushMode.ON_SAVE;
  private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;
  private IndexResolver<Session> indexResolver;

  /**
   * A repository on {@code cache} (a Tandem cache of id to {@link SessionState}, the filter's
   * layout), with the cache manager's codec and allowlist for the attributes.
   */
  public TandemIndexedSessionRepository(Cache<String, SessionState> cache) {
    this(new SessionRepository(cache, CodecAttributeCodec.of(cache.getCacheManager()),
        new SessionIds(SessionIds.MIN_BYTES), System::currentTimeMillis));
  }

  /** A repository on the filter's store {@code store}. */
  public TandemIndexedSessionRepository(SessionRepository store) {
    this.store = Objects.requireNonNull(store, "store");
    this.subscription = store.subscribe(TandemIndexedSessionRepository.class.getName(),
        new SpringEvents());
  }

  /** Turns the store's session events into Spring's. */
  private final class SpringEvents implements SessionEventListener {
    @Override
    public void created(String id, SessionState state) {
      publish(new SessionCreatedEvent(TandemIndexedSessionRepository.this, session(id, state)));
    }

    @Override
    public void deleted(String id, SessionState state) {
      publish(new SessionDeletedEvent(TandemIndexedSessionRepository.this, session(id, state)));
    }

    @Override
    public void expired(String id, SessionState state) {
      publish(new SessionExpiredEvent(TandemIndexedSessionRepository.this, session(id, state)));
    }

    private TandemSpringSession session(String id, SessionState state) {
      return new TandemSpringSession(TandemIndexedSessionRepository.this, id, state);
    }
  }

  @Override
  public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** The idle limit of new sessions; negative: never expire. Default 30 minutes. */
  public void setDefaultMaxInactiveInterval(Duration interval) {
    this.defaultMaxInactiveInterval = Objects.requireNonNull(interval, "interval");
  }

  /** When changes are written: at {@code save} (default) or at once. */
  public void setFlushMode(FlushMode flushMode) {
    this.flushMode = Objects.requireNonNull(flushMode, "flushMode");
  }

  /** Which attributes a save writes: set ones (default), also read ones, or all. */
  public void setSaveMode(SaveMode saveMode) {
    this.saveMode = Objects.requireNonNull(saveMode, "saveMode");
  }

  /** How a session's principal name is found; default the attribute, else Spring Security's. */
  public void setIndexResolver(IndexResolver<Session> indexResolver) {
    this.indexResolver = Objects.requireNonNull(indexResolver, "indexResolver");
  }

  /** The filter's store under this repository. */
  public SessionRepository store() {
    return store;
  }

  SaveMode saveMode() {
    return saveMode;
  }

  long now() {
    return store.now();
  }

  String newId() {
    return store.newId();
  }

  Object decode(String name, byte[] bytes) {
    return store.codec().deserialize(name, bytes);
  }

  @Override
  public TandemSpringSession createSession() {
    TandemSpringSession session =
        new TandemSpringSession(this, store.newId(), store.now(), defaultMaxInactiveInterval);
    flushIfImmediate(session);
    return session;
  }

  @Override
  public TandemSpringSession findById(String id) {
    SessionState state = store.find(id); // null when malformed, missing or expired
    return state == null ? null : new TandemSpringSession(this, id, state);
  }

  @Override
  public void deleteById(String id) {
    if (store.isWellFormed(id)) {
      store.delete(id);
    }
  }

  @Override
  public void save(TandemSpringSession session) {
    if (!session.hasChanges()) {
      return;
    }
    if (session.isNew()) {
      SessionState created = SessionState.create(session.creationMillis(),
          toSeconds(session.getMaxInactiveInterval()), Long.MAX_VALUE);
      SessionDelta.Outcome outcome = store.save(session.getId(), delta(session, created));
      if (outcome == SessionDelta.Outcome.COLLISION) {
        throw new IllegalStateException("A new session's id is taken");
      }
      session.saved();
      return;
    }
    if (!session.getId().equals(session.originalId())) {
      // the stored state (changes of other requests included) moves to the new id with this
      // request's changes; false: deleted or expired meanwhile, and stays so
      store.move(session.originalId(), session.getId(), delta(session, null));
      session.saved();
      return;
    }
    store.save(session.getId(), delta(session, null)); // MISSING: deleted meanwhile, stays so
    session.saved();
  }

  void flushIfImmediate(TandemSpringSession session) {
    if (flushMode == FlushMode.IMMEDIATE) {
      save(session);
    }
  }

  private SessionDelta delta(TandemSpringSession session, SessionState created) {
    Map<String, byte[]> set = new HashMap<>();
    Set<String> removed = new HashSet<>();
    Set<String> names = session.changedNames();
    for (String name : names) {
      Object value = session.valueToWrite(name);
      if (value == null) {
        removed.add(name);
      } else {
        set.put(name, store.codec().serialize(name, value));
      }
    }
    if (session.isNew() || names.contains(PRINCIPAL_NAME_INDEX_NAME)
        || names.contains("SPRING_SECURITY_CONTEXT")) {
      String principal = principalName(session);
      byte[] storedPrincipal = session.stored() == null ? null
          : session.stored().attribute(PRINCIPAL_ATTRIBUTE);
      if (principal != null) {
        byte[] bytes = store.codec().serialize(PRINCIPAL_ATTRIBUTE, principal);
        if (!Arrays.equals(bytes, storedPrincipal)) {
          set.put(PRINCIPAL_ATTRIBUTE, bytes);
        }
      } else if (storedPrincipal != null) {
        removed.add(PRINCIPAL_ATTRIBUTE);
      }
    }
    int maxInactive = session.isNew() || session.maxInactiveChanged()
        ? toSeconds(session.getMaxInactiveInterval()) : SessionDelta.UNCHANGED;
    return new SessionDelta(created, set, removed, Set.of(), session.lastAccessedMillis(),
        maxInactive);
  }

  private String principalName(TandemSpringSession session) {
    String explicit = session.peekAttribute(PRINCIPAL_NAME_INDEX_NAME);
    if (explicit != null) {
      return explicit;
    }
    if (session.peekAttribute("SPRING_SECURITY_CONTEXT") == null) {
      return null; // no need for the resolver (and SpEL) without Spring Security's context
    }
    IndexResolver<Session> resolver = indexResolver;
    if (resolver == null) {
      resolver = new DelegatingIndexResolver<>(new PrincipalNameIndexResolver<>());
      indexResolver = resolver;
    }
    return resolver.resolveIndexesFor(new PeekingSession(session))
        .get(PRINCIPAL_NAME_INDEX_NAME);
  }

  /**
   * Sessions whose principal name is {@code indexValue} (index {@code PRINCIPAL_NAME_INDEX_NAME});
   * other index names have no index and find nothing. Scans this member's entries (see the class
   * comment).
   */
  @Override
  public Map<String, TandemSpringSession> findByIndexNameAndIndexValue(String indexName,
      String indexValue) {
    Map<String, TandemSpringSession> found = new HashMap<>();
    if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
      return found;
    }
    byte[] wanted = store.codec().serialize(PRINCIPAL_ATTRIBUTE, indexValue);
    long now = store.now();
    for (Cache.Entry<String, SessionState> entry : store.cache()) {
      SessionState state = entry.getValue();
      if (state != null && !state.isExpired(now)
          && Arrays.equals(wanted, state.attribute(PRINCIPAL_ATTRIBUTE))) {
        found.put(entry.getKey(), new TandemSpringSession(this, entry.getKey(), state));
      }
    }
    return found;
  }

  private void publish(ApplicationEvent event) {
    try {
      publisher.publishEvent(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "A listener of " + event.getClass().getSimpleName()
          + " failed", e);
    }
  }

  /** Stops publishing events. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "Closing the session event subscription", e);
    }
  }

  @Override
  public void destroy() {
    close();
  }

  /** Spring's interval to the store's seconds: negative never expires; zero becomes 1 s. */
  static int toSeconds(Duration interval) {
    if (interval.isNegative()) {
      return -1;
    }
    long seconds = Math.max(1, interval.toSeconds());
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }

  static Duration toDuration(int seconds) {
    return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofSeconds(-1);
  }

  /** The session as the index resolver sees it: reads that do not count as SaveMode reads. */
  private record PeekingSession(TandemSpringSession session) implements Session {
    @Override
    public String getId() {
      return session.getId();
    }

    @Override
    public String changeSessionId() {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> T getAttribute(String name) {
      return session.peekAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
      return session.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void removeAttribute(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.time.Instant getCreationTime() {
      return session.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(java.time.Instant time) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.time.Instant getLastAccessedTime() {
      return session.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Duration getMaxInactiveInterval() {
      return session.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
      return session.isExpired();
    }
  }
}
