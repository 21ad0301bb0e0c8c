package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.config.TandemConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import org.jgroups.Address;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;

class ReplicatedCacheTest extends ClusterTestSupport {

  @Test
  void aCacheCreatedOnOneMemberExistsOnEveryMemberWithItsEntries() {
    var a = startMember();
    var b = startMember();
    awaitStable();
    Cache<String, String> onA = a.createCache("greetings", new MutableConfiguration<>());
    for (int i = 0; i < 100; i++) {
      onA.put("k" + i, "v" + i);
    }
    Cache<String, String> onB = b.getCache("greetings");
    assertNotNull(onB, "the definition reached b");
    for (int i = 0; i < 100; i++) {
      assertEquals("v" + i, onB.get("k" + i));
    }
    onB.remove("k7");
    assertTrue(!onA.containsKey("k7"));
  }

  @Test
  void aMemberJoiningLaterReceivesEveryDefinitionAndEntry() {
    var a = startMember();
    Cache<Integer, String> onA = a.createCache("data", new MutableConfiguration<>());
    for (int i = 0; i < 2_000; i++) {
      onA.put(i, "value-" + i);
    }
    var b = startMember();
    awaitStable();
    Cache<Integer, String> onB = b.getCache("data");
    assertNotNull(onB);
    for (int i = 0; i < 2_000; i++) {
      assertEquals("value-" + i, onB.get(i), "entry " + i);
    }
  }

  @Test
  void invokeIsAtomicAcrossMembers() throws Exception {
    var a = startMember();
    startMember();
    startMember();
    awaitStable();
    a.createCache("counters", new MutableConfiguration<String, Integer>());
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (var member : members) {
        Cache<String, Integer> cache = member.getCache("counters");
        for (int t = 0; t < 4; t++) {
          futures.add(pool.submit(() -> {
            for (int i = 0; i < 1000; i++) {
              cache.invoke("hits", new Increment());
            }
          }));
        }
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (var member : members) {
      assertEquals(12_000, member.<String, Integer>getCache("counters").get("hits"));
    }
  }

  @Test
  void aListenerOnOneMemberHearsEveryEventOnceWithOldValues() {
    var a = startMember();
    var b = startMember();
    var c = startMember();
    awaitStable();
    var config = new MutableConfiguration<String, String>();
    Cache<String, String> onA = a.createCache("audited", config);
    Recorder.EVENTS.clear();
    onA.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    Cache<String, String> onB = b.getCache("audited");
    Cache<String, String> onC = c.getCache("audited");
    for (int i = 0; i < 30; i++) {
      onB.put("k" + i, "one");
      onC.put("k" + i, "two");
      onB.remove("k" + i);
    }
    await("90 events", () -> Recorder.EVENTS.size() >= 90);
    assertEquals(90, Recorder.EVENTS.size(), Recorder.EVENTS.toString());
    assertTrue(Recorder.EVENTS.contains("UPDATED k3 one->two"), Recorder.EVENTS.toString());
    assertTrue(Recorder.EVENTS.contains("REMOVED k3 two"), Recorder.EVENTS.toString());
  }

  @Test
  void aSyncWriteReturnsOnceEveryMemberAndTheCallersSyncListenersHaveIt() {
    // Most keys have their primary on another member than the caller; the caller then waits for
    // its own copy instead of the primary waiting for its acknowledgement.
    var a = startMember();
    var b = startMember();
    var c = startMember();
    awaitStable();
    Cache<String, String> onA = a.createCache("confirmed", new MutableConfiguration<>());
    Cache<String, String> onB = b.getCache("confirmed");
    Cache<String, String> onC = c.getCache("confirmed");
    Recorder.EVENTS.clear();
    onB.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    for (int i = 0; i < 200; i++) {
      String k = "k" + i;
      onB.put(k, "one");
      assertTrue(Recorder.EVENTS.contains("CREATED " + k + " one"), k);
      assertEquals("one", onA.get(k), k);
      assertEquals("one", onC.get(k), k);
      assertEquals("one", onB.getAndPut(k, "two"), k);
      assertTrue(Recorder.EVENTS.contains("UPDATED " + k + " one->two"), k);
      assertEquals("two", onA.get(k), k);
      assertEquals("two", onC.get(k), k);
      assertTrue(onB.remove(k), k);
      assertTrue(Recorder.EVENTS.contains("REMOVED " + k + " two"), k);
      assertTrue(!onA.containsKey(k) && !onC.containsKey(k), k);
    }
    assertEquals(600, Recorder.EVENTS.size());
  }

  @Test
  void aForwardedWriteIsAppliedOnceEverywhereWhenItsPrimaryLeavesBeforeEveryMemberConfirmed()
      throws Exception {
    var a = startMember();
    var p = startMember();
    var c = startMember();
    awaitStable();
    Cache<String, Integer> onA = a.createCache("counted", new MutableConfiguration<>());
    Cache<String, Integer> onC = c.getCache("counted");
    // a key p owns now and a owns once p is gone: running the increment again there would show
    Address aAt = a.getCluster().orElseThrow().address();
    Address pAt = p.getCluster().orElseThrow().address();
    Address cAt = c.getCluster().orElseThrow().address();
    var segments = Segments.defaults();
    var now = SegmentOwners.compute(List.of(aAt, pAt, cAt), segments.count(), ClusterNode::identity);
    var after = SegmentOwners.compute(List.of(aAt, cAt), segments.count(), ClusterNode::identity);
    String key = null;
    for (int i = 0; key == null; i++) {
      int segment = segments.segmentOf(a.codec().serialize("hits" + i));
      if (now.primary(segment).equals(pAt) && after.primary(segment).equals(aAt)) {
        key = "hits" + i;
      }
    }
    onA.put(key, 0);
    // c stops hearing p: p's change never reaches c, so c never confirms it to a
    var discard = new DISCARD();
    discard.setAddress(cAt);
    discard.addIgnoreMember(pAt);
    c.getCluster().orElseThrow().channel().getProtocolStack()
        .insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
    String k = key;
    var increment = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> onA.invoke(k, new Increment()));
    await("a holds p's result", () -> Integer.valueOf(1).equals(onA.get(k)));
    assertTrue(!increment.isDone(), "the write waits for c's confirmation");
    p.close();
    members.remove(p);
    assertEquals(1, increment.get());
    assertEquals(1, onA.get(k));
    assertEquals(1, onC.get(k), "c got the result from a, which did not run the command again");
  }

  @Test
  void theWriterRunsOncePerOperationOnThePrimary() {
    var a = startMember();
    var b = startMember();
    var c = startMember();
    awaitStable();
    CountingWriter.WRITES.set(0);
    var config = new MutableConfiguration<String, String>()
        .setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(CountingWriter.class));
    a.createCache("written", config);
    for (var member : members) {
      Cache<String, String> cache = member.getCache("written");
      for (int i = 0; i < 10; i++) {
        cache.put(member.getURI() + "-" + i, "v");
      }
      cache.putAll(Map.of("bulk-" + member.getURI() + "-1", "v", "bulk-" + member.getURI() + "-2", "v"));
    }
    assertEquals(36, CountingWriter.WRITES.get());
    assertEquals(36, c.getCache("written").unwrap(io.tandem.jcache.TandemCache.class).size());
    assertNotNull(b.getCache("written").get(a.getURI() + "-3"));
  }

  @Test
  void aJoinerReceivesEveryEntryWhileWritesContinue() throws Exception {
    var a = startMember();
    Cache<Integer, Integer> onA = a.createCache("busy", new MutableConfiguration<>());
    for (int i = 0; i < 5_000; i++) {
      onA.put(i, i);
    }
    var writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    var written = new AtomicInteger(5_000);
    Thread writer = new Thread(() -> {
      while (writing.get()) {
        int next = written.getAndIncrement();
        onA.put(next, next);
        onA.put(next % 5_000, -next); // updates of entries the snapshot may already have sent
      }
    });
    writer.start();
    var b = startMember(); // joins and pulls state while the writer runs
    writing.set(false);
    writer.join();
    awaitStable();
    Cache<Integer, Integer> onB = b.getCache("busy");
    for (var e : onA) {
      assertEquals(e.getValue(), onB.get(e.getKey()), "entry " + e.getKey());
    }
    assertEquals(onA.unwrap(io.tandem.jcache.TandemCache.class).size(),
        onB.unwrap(io.tandem.jcache.TandemCache.class).size());
  }

  @Test
  void asyncReplicationReachesEveryMemberInOrder() {
    var p = new java.util.Properties();
    p.setProperty("tandem.defaults.replication", "async");
    var a = startMember(p);
    var b = startMember(p);
    awaitStable();
    Cache<String, Integer> onA = a.createCache("async", new MutableConfiguration<>());
    for (int i = 1; i <= 1_000; i++) {
      onA.put("counter", i); // one key, many versions: the last must win everywhere
      onA.put("k" + i, i);
    }
    Cache<String, Integer> onB = b.getCache("async");
    await("b has every async write", () -> Integer.valueOf(1_000).equals(onB.get("counter"))
        && onB.unwrap(io.tandem.jcache.TandemCache.class).size() == 1_001);
    for (int i = 1; i <= 1_000; i++) {
      assertEquals(i, onB.get("k" + i));
    }
  }

  @Test
  void aCacheLivesWhileAMemberUsesIt() {
    var a = startMember();
    var b = startMember();
    var c = startMember();
    awaitStable();
    a.createCache("used", new MutableConfiguration<String, String>()).put("k", "v");
    b.getCache("used"); // b uses it too; c only holds a copy
    a.getCache("used").close();
    assertEquals("v", b.<String, String>getCache("used").get("k"), "b still uses it");
    assertTrue(names(c).contains("used"), "c holds a copy"); // getCache would make c a user
    b.close();
    members.remove(b);
    await("the cache nobody uses is dropped", () -> !names(c).contains("used"));
  }

  @Test
  void definingACacheDifferentlyOnTwoMembersFails() {
    var a = startMember();
    var b = startMember();
    awaitStable();
    a.createCache("shared", new MutableConfiguration<String, String>());
    var other = new TandemConfiguration<String, String>().setMaxEntries(10);
    var e = assertThrows(CacheException.class, () -> b.createCache("shared", other));
    assertTrue(e.getMessage().contains("shared"), e.getMessage());
  }

  @Test
  void noAcknowledgedWriteIsLostWhenAMemberLeaves() {
    var a = startMember();
    var b = startMember();
    var c = startMember();
    awaitStable();
    Cache<Integer, Integer> onA = a.createCache("durable", new MutableConfiguration<>());
    for (int i = 0; i < 500; i++) {
      onA.put(i, i);
    }
    c.close();
    members.remove(c);
    Cache<Integer, Integer> onB = b.getCache("durable");
    for (int i = 500; i < 1000; i++) {
      onB.put(i, i);
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, onA.get(i));
      assertEquals(i, onB.get(i));
    }
  }

  private static List<String> names(javax.cache.CacheManager manager) {
    List<String> names = new ArrayList<>();
    manager.getCacheNames().forEach(names::add);
    return names;
  }

  /** Adds one to an Integer entry (absent counts as 0). */
  public static final class Increment implements EntryProcessor<String, Integer, Integer>,
      Serializable {
    @Override
    public Integer process(MutableEntry<String, Integer> entry, Object... arguments) {
      int next = entry.exists() ? entry.getValue() + 1 : 1;
      entry.setValue(next);
      return next;
    }
  }

  /** Records events as text; the static list is shared by every instance in this JVM. */
  public static final class Recorder implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
      Serializable {
    static final List<String> EVENTS = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> EVENTS.add("CREATED " + e.getKey() + " " + e.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> EVENTS.add("UPDATED " + e.getKey() + " " + e.getOldValue() + "->"
          + e.getValue()));
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> EVENTS.add("REMOVED " + e.getKey() + " " + e.getValue()));
    }
  }

  /** Counts writes across every instance in this JVM. */
  public static final class CountingWriter implements CacheWriter<String, String>, Serializable {
    static final AtomicInteger WRITES = new AtomicInteger();
    static final Map<String, String> STORE = new ConcurrentHashMap<>();

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      WRITES.incrementAndGet();
      STORE.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (var it = entries.iterator(); it.hasNext(); ) {
        write(it.next());
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {
      STORE.remove(key);
    }

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.clear();
    }
  }
}
