package io.tandem.session.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.store.CodecAttributeCodec;
import io.tandem.session.store.SessionDelta;
import io.tandem.session.store.SessionIds;
import io.tandem.session.store.SessionRepository;
import io.tandem.session.store.SessionState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

/**
 * The repository contract in the manner of Spring Session's own repository tests, on two members
 * of one replicated cache (loopback stack): every assertion about "the cluster" looks through the
 * other member, and every event count is over both. On each member the servlet filter's store
 * ({@link SessionRepository}, what {@code TandemSessionFilter} calls) works on the same cache, for
 * the sessions the filter creates, invalidates, renames and lets expire beside Spring's.
 */
class TandemIndexedSessionRepositoryTest {

  private static final String PRINCIPAL =
      FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

  private final String clusterName = "spring-session-" + UUID.randomUUID();
  private final List<TandemCacheManager> members = new ArrayList<>();
  private final List<TandemIndexedSessionRepository> repositories = new ArrayList<>();
  private final PublishedEvents events = new PublishedEvents();
  private final List<SessionRepository> filters = new ArrayList<>();
  /** The session ids whose expiry the filters' listeners heard, as "member:id". */
  private final List<String> filterExpiries = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> filterSubscriptions = new ArrayList<>();
  private TandemIndexedSessionRepository a;
  private TandemIndexedSessionRepository b;

  @BeforeEach
  void open() {
    for (int i = 0; i < 2; i++) {
      Properties p = new Properties();
      p.setProperty("tandem.cluster.name", clusterName);
      p.setProperty("tandem.cluster.stack", "loopback");
      p.setProperty("tandem.defaults.mode", "replicated");
      p.setProperty("tandem.serialization.allow", "java.util.ArrayList");
      members.add((TandemCacheManager) Caching
          .getCachingProvider(TandemCachingProvider.class.getName())
          .getCacheManager(URI.create("member:" + clusterName + "/" + i),
              getClass().getClassLoader(), p));
    }
    io.tandem.session.store.SessionRepository.openCache(members.get(0), "tandem-sessions");
    await("the cache on the second member", () -> members.get(1).getCache("tandem-sessions") != null);
    await("two ready members", () -> members.stream().allMatch(m ->
        m.getCluster().orElseThrow().view().size() == 2
            && m.getCluster().orElseThrow().isStable()));
    for (int i = 0; i < 2; i++) {
      Cache<String, SessionState> cache = members.get(i).getCache("tandem-sessions");
      var repository = new TandemIndexedSessionRepository(cache);
      String member = i == 0 ? "a" : "b";
      events.listenTo(member, repository);
      repositories.add(repository);
      var filter = new SessionRepository(cache, CodecAttributeCodec.of(cache.getCacheManager()),
          new SessionIds(SessionIds.MIN_BYTES), System::currentTimeMillis);
      filterSubscriptions.add(filter.onExpiry(e -> filterExpiries.add(member + ":" + e.id())));
      filters.add(filter);
    }
    a = repositories.get(0);
    b = repositories.get(1);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable subscription : filterSubscriptions) {
      subscription.close();
    }
    repositories.forEach(TandemIndexedSessionRepository::close);
    for (int i = members.size() - 1; i >= 0; i--) {
      members.get(i).close();
    }
  }

  @Test
  void createSetsDefaultsAndSaveMakesItFindableOnTheOtherMember() {
    TandemSpringSession session = a.createSession();
    assertEquals(Duration.ofMinutes(30), session.getMaxInactiveInterval());
    assertNull(b.findById(session.getId()), "not stored before save");
    session.setAttribute("user", "alice");
    a.save(session);
    TandemSpringSession found = b.findById(session.getId());
    assertNotNull(found);
    assertEquals("alice", found.getAttribute("user"));
    assertEquals(Set.of("user"), found.getAttributeNames());
    assertEquals(session.getCreationTime().toEpochMilli(), found.getCreationTime().toEpochMilli());
    assertFalse(found.isExpired());
    assertEquals(List.of("created:" + session.getId()), events.cluster(), "created once");
  }

  @Test
  void findByIdOfUnknownOrMalformedIdsIsNull() {
    assertNull(a.findById("nope"));
    assertNull(a.findById(a.createSession().getId()), "created, never saved");
    assertNull(a.findById(null));
  }

  @Test
  void saveWritesOnlyTheChangesAndRemovesAttributes() {
    TandemSpringSession session = a.createSession();
    session.setAttribute("keep", "1");
    session.setAttribute("drop", "2");
    a.save(session);
    TandemSpringSession onB = b.findById(session.getId());
    onB.removeAttribute("drop");
    onB.setAttribute("add", 3);
    onB.setMaxInactiveInterval(Duration.ofMinutes(5));
    b.save(onB);
    TandemSpringSession onA = a.findById(session.getId());
    assertEquals(Set.of("keep", "add"), onA.getAttributeNames());
    assertEquals(3, (Integer) onA.getAttribute("add"));
    assertNull(onA.getAttribute("drop"));
    assertEquals(Duration.ofMinutes(5), onA.getMaxInactiveInterval());
  }

  @Test
  void deleteByIdRemovesEverywhereAndPublishesOneDeletedEvent() {
    TandemSpringSession session = a.createSession();
    a.save(session);
    b.deleteById(session.getId());
    a.deleteById(session.getId()); // already gone: no second event
    assertNull(a.findById(session.getId()));
    assertNull(b.findById(session.getId()));
    assertEquals(List.of("created:" + session.getId(), "deleted:" + session.getId()),
        events.cluster());
  }

  @Test
  void aSessionExpiresOnceInTheClusterForSpringAndOnceForTheFilter() {
    TandemSpringSession session = a.createSession();
    session.setMaxInactiveInterval(Duration.ofSeconds(1));
    a.save(session);
    TandemSpringSession loaded = b.findById(session.getId());
    loaded.setLastAccessedTime(Instant.now().minusSeconds(2));
    assertTrue(loaded.isExpired());
    events.await("expired:" + session.getId());
    assertNull(a.findById(session.getId()));
    assertNull(b.findById(session.getId()));
    assertEquals(List.of("created:" + session.getId(), "expired:" + session.getId()),
        events.cluster());
    // the filters' listeners beside Spring: their own single report, from the same member
    String member = events.all().get(1).split(":")[0];
    assertEquals(List.of(member + ":" + session.getId()), filterExpiries);
  }

  @Test
  void aSessionTheFilterCreatesRaisesOneCreatedEvent() {
    String id = filterCreates(filters.get(1));
    assertEquals(List.of("created:" + id), events.cluster());
    assertEquals("filter", a.findById(id).getAttribute("from"));
  }

  @Test
  void aSessionTheFilterInvalidatesRaisesOneDeletedEvent() {
    TandemSpringSession session = a.createSession();
    a.save(session);
    assertTrue(filters.get(1).delete(session.getId()));
    assertFalse(filters.get(0).delete(session.getId()), "already gone");
    String id = filterCreates(filters.get(0));
    assertTrue(filters.get(1).delete(id));
    List<String> published = events.cluster();
    assertEquals(4, published.size(), published.toString());
    // two sessions, maybe two publishing members: the order holds per session only
    assertEquals(List.of("created:" + session.getId(), "deleted:" + session.getId()),
        published.stream().filter(e -> e.endsWith(session.getId())).toList());
    assertEquals(List.of("created:" + id, "deleted:" + id),
        published.stream().filter(e -> e.endsWith(id)).toList());
  }

  @Test
  void aSessionOfTheFilterThatExpiresRaisesOneExpiredEvent() {
    SessionRepository filter = filters.get(0);
    String id = filter.newId();
    long now = filter.now();
    filter.save(id, new SessionDelta(SessionState.create(now, 1, Long.MAX_VALUE), Map.of(),
        Set.of(), Set.of(), now, 1));
    events.await("expired:" + id);
    assertEquals(List.of("created:" + id, "expired:" + id), events.cluster());
    assertEquals(1, filterExpiries.size(), filterExpiries.toString());
  }

  @Test
  void theFiltersIdChangeRaisesNoEventAndTheRenamedSessionEndsOnce() {
    String oldId = filterCreates(filters.get(0));
    String newId = filters.get(1).changeId(oldId, SessionDelta.access(filters.get(1).now()));
    assertNotEquals(oldId, newId);
    assertNull(a.findById(oldId));
    assertEquals("filter", a.findById(newId).getAttribute("from"));
    assertEquals(List.of("created:" + oldId), events.cluster(), "no deleted/created pair");
    String third = filters.get(0).changeId(newId, null);
    assertTrue(filters.get(1).delete(third));
    assertEquals(List.of("created:" + oldId, "deleted:" + third), events.cluster());
  }

  /** A session as the filter stores it, by {@code filter}, with the attribute from=filter. */
  private static String filterCreates(SessionRepository filter) {
    String id = filter.newId();
    long now = filter.now();
    assertEquals(SessionDelta.Outcome.CREATED, filter.save(id, new SessionDelta(
        SessionState.create(now, 600, Long.MAX_VALUE),
        Map.of("from", filter.codec().serialize("from", "filter")), Set.of(), Set.of(), now,
        600)));
    return id;
  }

  @Test
  void changeSessionIdMovesTheSessionWithoutDeletedOrCreatedEvents() {
    TandemSpringSession session = a.createSession();
    session.setAttribute("cart", "3 items");
    session.setAttribute(PRINCIPAL, "alice");
    a.save(session);
    String oldId = session.getId();
    TandemSpringSession loaded = b.findById(oldId);
    String newId = loaded.changeSessionId();
    assertNotEquals(oldId, newId);
    loaded.setAttribute("after", true);
    b.save(loaded);
    assertNull(a.findById(oldId));
    TandemSpringSession moved = a.findById(newId);
    assertEquals("3 items", moved.getAttribute("cart"));
    assertEquals(Boolean.TRUE, moved.getAttribute("after"));
    assertEquals(Set.of(newId), a.findByPrincipalName("alice").keySet());
    assertEquals(List.of("created:" + oldId), events.cluster(), "no deleted/created pair");
    b.deleteById(newId);
    assertEquals(List.of("created:" + oldId, "deleted:" + newId), events.cluster());
  }

  @Test
  void principalIndexIsClusterWide() {
    TandemSpringSession one = a.createSession();
    one.setAttribute(PRINCIPAL, "alice");
    a.save(one);
    TandemSpringSession two = b.createSession();
    two.setAttribute(PRINCIPAL, "alice");
    b.save(two);
    TandemSpringSession other = b.createSession();
    other.setAttribute(PRINCIPAL, "bob");
    b.save(other);
    a.save(a.createSession()); // anonymous
    assertEquals(Set.of(one.getId(), two.getId()), a.findByPrincipalName("alice").keySet());
    assertEquals(Set.of(one.getId(), two.getId()),
        b.findByIndexNameAndIndexValue(PRINCIPAL, "alice").keySet());
    assertEquals(Set.of(other.getId()), a.findByPrincipalName("bob").keySet());
    assertTrue(a.findByIndexNameAndIndexValue("other-index", "alice").isEmpty());
    assertFalse(a.findByPrincipalName("alice").get(one.getId()).getAttributeNames()
        .contains(TandemIndexedSessionRepository.PRINCIPAL_ATTRIBUTE), "hidden");
    b.deleteById(one.getId());
    assertEquals(Set.of(two.getId()), a.findByPrincipalName("alice").keySet());
    TandemSpringSession renamed = a.findById(two.getId());
    renamed.setAttribute(PRINCIPAL, "carol");
    a.save(renamed);
    assertTrue(b.findByPrincipalName("alice").isEmpty());
    assertEquals(Set.of(two.getId()), b.findByPrincipalName("carol").keySet());
    renamed.removeAttribute(PRINCIPAL);
    a.save(renamed);
    assertTrue(b.findByPrincipalName("carol").isEmpty());
  }

  @Test
  void concurrentSavesOfDifferentAttributesFromTwoMembersKeepBoth() throws Exception {
    TandemSpringSession session = a.createSession();
    a.save(session);
    String id = session.getId();
    for (int round = 0; round < 20; round++) {
      TandemSpringSession onA = a.findById(id);
      TandemSpringSession onB = b.findById(id);
      onA.setAttribute("a", round);
      onB.setAttribute("b", round);
      CompletableFuture<Void> saveA = CompletableFuture.runAsync(() -> a.save(onA));
      CompletableFuture<Void> saveB = CompletableFuture.runAsync(() -> b.save(onB));
      saveA.get();
      saveB.get();
      TandemSpringSession result = b.findById(id);
      assertEquals(round, (Integer) result.getAttribute("a"), "round " + round);
      assertEquals(round, (Integer) result.getAttribute("b"), "round " + round);
    }
  }

  @Test
  void aSecondSaveWritesNothingStale() {
    TandemSpringSession session = a.createSession();
    session.setAttribute("n", 1);
    a.save(session);
    TandemSpringSession first = a.findById(session.getId());
    first.setAttribute("n", 2);
    a.save(first);
    TandemSpringSession second = b.findById(session.getId());
    second.setAttribute("n", 3);
    b.save(second);
    a.save(first); // e.g. the filter's second save of a request: nothing changed since
    assertEquals(3, (Integer) a.findById(session.getId()).getAttribute("n"));
  }

  @Test
  void saveModeOnGetAttributeSavesValuesChangedInPlace() {
    a.setSaveMode(SaveMode.ON_GET_ATTRIBUTE);
    TandemSpringSession session = a.createSession();
    session.setAttribute("list", new ArrayList<>(List.of("x")));
    a.save(session);
    TandemSpringSession loaded = a.findById(session.getId());
    List<String> list = loaded.getAttribute("list");
    list.add("y");
    a.save(loaded);
    assertEquals(List.of("x", "y"), b.findById(session.getId()).getAttribute("list"));

    TandemSpringSession onB = b.findById(session.getId()); // b: ON_SET_ATTRIBUTE
    List<String> notSaved = onB.getAttribute("list");
    notSaved.add("z");
    b.save(onB);
    assertEquals(List.of("x", "y"), a.findById(session.getId()).getAttribute("list"));
  }

  @Test
  void flushModeImmediateWritesWithoutSave() {
    a.setFlushMode(FlushMode.IMMEDIATE);
    TandemSpringSession session = a.createSession();
    assertNotNull(b.findById(session.getId()), "stored at creation");
    session.setAttribute("now", "yes");
    assertEquals("yes", b.findById(session.getId()).getAttribute("now"));
  }

  @Test
  void theFilterAndSpringReadEachOthersSessions() {
    TandemSpringSession session = a.createSession();
    session.setAttribute("from", "spring");
    a.save(session);
    var store = b.store();
    SessionState state = store.find(session.getId());
    assertEquals("spring", store.codec().deserialize("from", state.attribute("from")));

    String id = store.newId();
    long now = store.now();
    store.save(id, new SessionDelta(SessionState.create(now, 600, Long.MAX_VALUE),
        Map.of("from", store.codec().serialize("from", "filter")), Set.of(), Set.of(), now, 600));
    TandemSpringSession filtered = a.findById(id);
    assertEquals("filter", filtered.getAttribute("from"));
    assertEquals(Duration.ofMinutes(10), filtered.getMaxInactiveInterval());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      sleep(20);
    }
  }
}
