package io.tandem.jcache.cluster;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;

/**
 * Members of one cluster in this JVM: cache managers of distinct URIs on the loopback stack
 * (127.0.0.1), with a cluster name of their own per test.
 */
abstract class ClusterTestSupport {

  protected final String clusterName = "test-" + UUID.randomUUID();
  protected final List<TandemCacheManager> members = new ArrayList<>();

  protected TandemCacheManager startMember() {
    return startMember(new Properties());
  }

  protected TandemCacheManager startMember(Properties extra) {
    var p = new Properties();
    p.setProperty("tandem.cluster.name", clusterName);
    p.setProperty("tandem.cluster.stack", "loopback");
    p.setProperty("tandem.defaults.mode", "replicated");
    p.setProperty("tandem.serialization.allow", "io.tandem.jcache.cluster.*");
    p.putAll(extra);
    var manager = (TandemCacheManager) Caching.getCachingProvider(
        TandemCachingProvider.class.getName()).getCacheManager(
            URI.create("member:" + clusterName + "/" + members.size()),
            getClass().getClassLoader(), p);
    members.add(manager);
    return manager;
  }

  @AfterEach
  void stopMembers() {
    for (int i = members.size() - 1; i >= 0; i--) {
      members.get(i).close();
    }
  }

  /** Waits for {@code condition}, failing after 20 s: for convergence, never for timing. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until every member sees all members and all are ready. */
  protected void awaitStable() {
    await("every member sees " + members.size() + " ready members", () -> members.stream()
        .allMatch(m -> m.getCluster().orElseThrow().view().size() == members.size()
            && m.getCluster().orElseThrow().isStable()));
  }
}
