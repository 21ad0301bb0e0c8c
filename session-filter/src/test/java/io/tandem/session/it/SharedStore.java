package io.tandem.session.it;

import io.tandem.jcache.TandemCache;
import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.store.SessionState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The session store the nodes of a two-node test share, chosen with
 * {@code -Dtandem.session.store}: {@code local} (the default; both nodes use the same cache of one
 * manager in this JVM) or {@code clustered} (each node the cache of its own member of a
 * replicated cache on the loopback stack; two managers of distinct URIs in one cluster of a
 * name of its own). The suites do not change.
 */
interface SharedStore extends AutoCloseable {

  /** The cache node {@code index} (0, 1, ...) should use. */
  Cache<String, SessionState> cacheFor(int index);

  /** Reclaims expired sessions on every member now (as the background sweep would). */
  void cleanUp();

  /**
   * Takes node {@code index}'s member away, as when its JVM stops: a clustered member closes its
   * cache manager and leaves the cluster. A local store has one manager for all nodes, which
   * stays open.
   */
  void closeMember(int index) throws InterruptedException;

  /** Whether nodes have members of their own (what {@link #closeMember} takes away). */
  boolean clustered();

  @Override
  void close();

  static SharedStore fromSystemProperty() throws InterruptedException {
    String kind = System.getProperty("tandem.session.store", "local");
    return switch (kind) {
      case "local" -> local();
      case "clustered" -> clustered(2);
      default -> throw new IllegalArgumentException("Unknown tandem.session.store=" + kind
          + "; known: local, clustered");
    };
  }

  private static Properties properties() {
    Properties properties = new Properties();
    properties.setProperty("tandem.serialization.allow", CountingBinding.class.getName());
    return properties;
  }

  private static MutableConfiguration<String, SessionState> sessions() {
    return new MutableConfiguration<String, SessionState>()
        .setTypes(String.class, SessionState.class).setStoreByValue(false);
  }

  /** One manager, one cache: same URI and class loader means the same manager for all nodes. */
  static SharedStore local() {
    CacheManager manager = Caching
        .getCachingProvider(TandemCachingProvider.class.getName())
        .getCacheManager(URI.create("tandem:shared-store-" + UUID.randomUUID()),
            SharedStore.class.getClassLoader(), properties());
    Cache<String, SessionState> cache = manager.createCache("sessions", sessions());
    return new SharedStore() {
      @Override
      public Cache<String, SessionState> cacheFor(int index) {
        return cache;
      }

      @Override
      public void cleanUp() {
        cache.unwrap(TandemCache.class).cleanUp();
      }

      @Override
      public void closeMember(int index) {
        // one manager serves every node: nothing of node index's own to close
      }

      @Override
      public boolean clustered() {
        return false;
      }

      @Override
      public void close() {
        manager.close();
      }
    };
  }

  /**
   * {@code count} members of one cluster on the loopback stack, each with its own manager (URI
   * {@code member:CLUSTER/i}) and the replicated cache {@code sessions}; returns once every
   * member sees all the others and holds the cache.
   */
  static SharedStore clustered(int count) throws InterruptedException {
    String clusterName = "sessions-it-" + UUID.randomUUID();
    List<TandemCacheManager> members = new ArrayList<>();
    List<Cache<String, SessionState>> caches = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Properties p = properties();
        p.setProperty("tandem.cluster.name", clusterName);
        p.setProperty("tandem.cluster.stack", "loopback");
        p.setProperty("tandem.defaults.mode", "replicated");
        members.add((TandemCacheManager) Caching
            .getCachingProvider(TandemCachingProvider.class.getName())
            .getCacheManager(URI.create("member:" + clusterName + "/" + i),
                SharedStore.class.getClassLoader(), p));
      }
      caches.add(members.get(0).createCache("sessions", sessions())); // defined on every member
      for (int i = 1; i < count; i++) {
        TandemCacheManager m = members.get(i);
        Await.until("cache sessions on member " + i, () -> m.getCache("sessions") != null);
        caches.add(m.getCache("sessions"));
      }
      Await.until(count + " ready members", () -> members.stream().allMatch(m ->
          m.getCluster().orElseThrow().view().size() == count
              && m.getCluster().orElseThrow().isStable()));
    } catch (InterruptedException | RuntimeException | Error e) {
      members.forEach(CacheManager::close);
      throw e;
    }
    return new SharedStore() {
      @Override
      public Cache<String, SessionState> cacheFor(int index) {
        return caches.get(index);
      }

      @Override
      public void cleanUp() {
        for (Cache<String, SessionState> cache : caches) {
          if (!cache.isClosed()) {
            cache.unwrap(TandemCache.class).cleanUp();
          }
        }
      }

      @Override
      public void closeMember(int index) throws InterruptedException {
        members.get(index).close();
        Await.until("the other members to see member " + index + " leave", () -> members.stream()
            .filter(m -> !m.isClosed())
            .allMatch(m -> m.getCluster().orElseThrow().view().size() == members.stream()
                .filter(o -> !o.isClosed()).count()));
      }

      @Override
      public boolean clustered() {
        return true;
      }

      @Override
      public void close() {
        for (int i = members.size() - 1; i >= 0; i--) {
          members.get(i).close();
        }
      }
    };
  }
}
