package io.tandem.session.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionRepositoryTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private CacheManager manager;
  private Cache<String, SessionState> cache;
  private SessionRepository repository;

  @BeforeEach
  void open() {
    manager = Caching.getCachingProvider(TandemCachingProvider.class.getName())
        .getCacheManager(URI.create("tandem:repository-test-" + UUID.randomUUID()),
            getClass().getClassLoader());
    cache = manager.createCache("sessions", new MutableConfiguration<String, SessionState>()
        .setTypes(String.class, SessionState.class).setStoreByValue(false));
    repository = new SessionRepository(cache, CodecAttributeCodec.of(manager), new SessionIds(16),
        now::get);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private String create() {
    String id = repository.newId();
    SessionState initial = SessionState.create(now.get(), 60, Long.MAX_VALUE);
    assertEquals(SessionDelta.Outcome.CREATED, repository.save(id,
        new SessionDelta(initial, Map.of(), Set.of(), Set.of(), now.get(), 60)));
    return id;
  }

  private SessionDelta set(String name, Object value) {
    return new SessionDelta(null, Map.of(name, repository.codec().serialize(name, value)),
        Set.of(), Set.of(), now.get(), SessionDelta.UNCHANGED);
  }

  @Test
  void deltasOnDifferentAttributesBothSurvive() {
    String id = create();
    SessionDelta a = set("a", "1"); // both prepared from the same (empty) view of the session
    SessionDelta b = set("b", "2");
    repository.save(id, a);
    repository.save(id, b);
    SessionState state = repository.find(id);
    assertEquals(Set.of("a", "b"), state.attributes().keySet());
    assertEquals("2", repository.codec().deserialize("b", state.attribute("b")));
  }

  @Test
  void accessOnlyDeltaKeepsTheSameAttributeBytes() {
    String id = create();
    repository.save(id, set("cart", new java.util.ArrayList<>(List.of("x"))));
    byte[] before = repository.find(id).attribute("cart");
    now.addAndGet(5_000);
    repository.save(id, new SessionDelta(null, Map.of(), Set.of(), Set.of(), now.get(),
        SessionDelta.UNCHANGED));
    SessionState after = repository.find(id);
    assertSame(before, after.attribute("cart"), "attributes are not rewritten");
    assertEquals(now.get(), after.lastAccessedTime());
  }

  @Test
  void aDeltaNeverBringsBackAMissingSession() {
    String id = repository.newId();
    assertEquals(SessionDelta.Outcome.MISSING, repository.save(id, set("a", "1")));
    assertNull(cache.get(id));
  }

  @Test
  void aNewSessionNeverTakesAnExistingId() {
    String id = create();
    SessionState other = SessionState.create(now.get(), 60, Long.MAX_VALUE);
    assertEquals(SessionDelta.Outcome.COLLISION, repository.save(id,
        new SessionDelta(other, Map.of(), Set.of(), Set.of(), now.get(), 60)));
  }

  @Test
  void malformedIdsAreNoSession() {
    create();
    for (String bad : new String[] {null, "", "x", "../../etc", "a".repeat(5000),
        "AAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAA;", "ÄAAAAAAAAAAAAAAAAAAAAA"}) {
      assertNull(repository.find(bad), String.valueOf(bad));
    }
  }

  @Test
  void changeIdMovesTheStateWithTheRequestsChangesAndForgetsTheOldId() {
    String id = create();
    repository.save(id, set("user", "alice"));
    String newId = repository.changeId(id, set("cart", "apple"));
    assertNotEquals(id, newId);
    assertNull(repository.find(id));
    SessionState moved = repository.find(newId);
    assertEquals("alice", repository.codec().deserialize("user", moved.attribute("user")));
    assertEquals("apple", repository.codec().deserialize("cart", moved.attribute("cart")));
    assertEquals(newId, moved.movedTo(), "marked, so that the move raises no session event");
    assertNull(repository.changeId(id, null));
  }

  @Test
  void expiredSessionsReachOneSubscriberOnce() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    try (AutoCloseable a = repository.onExpiry(e -> first.add(e.id()));
        AutoCloseable b = repository.onExpiry(e -> second.add(e.id()))) {
      String id = repository.newId();
      SessionState initial = SessionState.create(System.currentTimeMillis(), 1, Long.MAX_VALUE);
      repository.save(id, new SessionDelta(initial, Map.of(), Set.of(), Set.of(),
          System.currentTimeMillis(), 1));
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (first.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling a condition, bounded
      }
      assertEquals(List.of(id), first);
      assertTrue(second.isEmpty());
    }
  }

  @Test
  void idsAre128BitsUrlSafeAndChecked() {
    SessionIds ids = new SessionIds(16);
    String id = ids.next();
    assertEquals(22, id.length());
    assertTrue(id.matches("[A-Za-z0-9_-]{22}"));
    assertTrue(ids.isWellFormed(id));
    assertNotEquals(id, ids.next());
    assertThrows(IllegalArgumentException.class, () -> new SessionIds(8));
  }

  @Test
  void anAttributeThatCannotBeStoredNamesItsClassAndTheSetting() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> repository.codec().serialize("x", new NotAllowed()));
    assertTrue(e.getMessage().contains(NotAllowed.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("<serialization><allow>"), e.getMessage());
    assertTrue(e.getMessage().contains("tandem.serialization.allow"), e.getMessage());
  }

  @Test
  void stateAndDeltaTravelThroughTheManagersCodecWithoutConfiguration() {
    // allowed by SessionTrustedClasses, found by the manager through ServiceLoader
    var codec = manager.unwrap(TandemCacheManager.class).codec();
    SessionState state = SessionState.create(5, 60, Long.MAX_VALUE)
        .with(new SessionDelta(null, Map.of("a", new byte[] {1, 2}), Set.of(), Set.of("a"), 9,
            120));
    SessionState copy = (SessionState) codec.deserialize(codec.serialize(state));
    assertArrayEquals(new byte[] {1, 2}, copy.attribute("a"));
    assertEquals(Set.of("a"), copy.notifyOnUnbind());
    assertEquals(120, copy.maxInactiveSeconds());
    assertEquals(9, copy.lastAccessedTime());
    SessionDelta delta = new SessionDelta(state, Map.of("b", new byte[] {3}), Set.of("a"),
        Set.of(), 10, SessionDelta.UNCHANGED);
    assertNotNull(codec.deserialize(codec.serialize(delta)));
    assertEquals(SessionDelta.Outcome.COLLISION,
        codec.deserialize(codec.serialize(SessionDelta.Outcome.COLLISION)));
  }

  /**
   * A replicated cache sends entry processors to the key's primary with Java serialization (the
   * JCache contract); the in-JVM loopback stack never serializes, so this is checked here.
   */
  @Test
  void aDeltaCreatingASessionSurvivesJavaSerialization() throws Exception {
    SessionDelta delta = new SessionDelta(SessionState.create(5, 60, Long.MAX_VALUE),
        Map.of("b", new byte[] {3}), Set.of("a"), Set.of("b"), 10, 60);
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(delta);
    }
    SessionDelta copy;
    try (var in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SessionDelta) in.readObject();
    }
    assertEquals(delta.toString(), copy.toString());
    assertArrayEquals(new byte[] {3}, copy.setAttributes().get("b"));
    assertEquals(60, copy.maxInactiveSeconds());
  }

  @Test
  void onlyTheSessionRecordsAreTrusted() {
    assertEquals(List.of("io.tandem.session.store.SessionState",
        "io.tandem.session.store.SessionDelta", "io.tandem.session.store.SessionDelta$Outcome"),
        new SessionTrustedClasses().classNames());
    var codec = manager.unwrap(TandemCacheManager.class).codec();
    assertThrows(RuntimeException.class, () -> codec.serialize(new NotAllowed()));
  }

  @Test
  void theAttributeCodecIsTheManagersCodec() {
    var codec = manager.unwrap(TandemCacheManager.class).codec();
    byte[] bytes = repository.codec().serialize("n", List.of("a", "b"));
    assertEquals(List.of("a", "b"), codec.deserialize(bytes));
  }

  static final class NotAllowed {
    int x = 1;
  }
}
