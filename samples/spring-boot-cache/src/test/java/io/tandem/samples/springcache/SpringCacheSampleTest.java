package io.tandem.samples.springcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.TandemCacheManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the sample in this JVM, each a Spring Boot context with its own Tandem cache
 * manager (its own config file), joined in one loopback cluster of a name of this test's own.
 */
class SpringCacheSampleTest {

  private final String clusterName = "spring-boot-cache-" + UUID.randomUUID();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @BeforeEach
  void start() {
    for (int i = 1; i <= 2; i++) {
      instances.add(new SpringApplicationBuilder(SpringCacheSample.class)
          .web(WebApplicationType.NONE)
          // as arguments: they win over application.properties (builder properties would not)
          .run("--spring.cache.jcache.config=classpath:tandem-node" + i + ".xml",
              "--tandem.cluster.name=" + clusterName));
    }
    await(() -> "two members in the cluster: " + instances.stream().map(c -> {
      var m = manager(c);
      var cluster = m.getCluster().orElseThrow();
      return m.getURI() + " " + cluster.view() + " stable=" + cluster.isStable();
    }).toList(), () -> instances.stream().allMatch(c -> {
      var cluster = manager(c).getCluster().orElseThrow();
      return cluster.view().size() == 2 && cluster.isStable();
    }));
  }

  @AfterEach
  void stop() {
    for (int i = instances.size() - 1; i >= 0; i--) {
      instances.get(i).close();
    }
  }

  private static TandemCacheManager manager(ConfigurableApplicationContext context) {
    return context.getBean(CacheManager.class).unwrap(TandemCacheManager.class);
  }

  private ProductService service(int instance) {
    return instances.get(instance).getBean(ProductService.class);
  }

  @Test
  void springCachesThroughTandemFromTheBootProperties() {
    var springManager = instances.get(0).getBean(org.springframework.cache.CacheManager.class);
    assertInstanceOf(JCacheCacheManager.class, springManager);
    assertNotSame(manager(instances.get(0)), manager(instances.get(1)), "a manager per instance");
    assertTrue(springManager.getCacheNames().contains("products"), "declared in the file");
  }

  @Test
  void theBodyRunsOnceForRepeatedCallsOnEitherInstance() {
    ProductService a = service(0);
    ProductService b = service(1);
    Product first = a.find("apple");
    assertEquals(first, a.find("apple"));
    assertEquals(first, a.find("apple"));
    assertEquals(1, a.loads());
    assertEquals(first, b.find("apple"), "the other instance reads the replicated entry");
    assertEquals(0, b.loads());
    b.find("pear");
    a.find("pear");
    assertEquals(1, b.loads(), "pear loaded once, by b");
    assertEquals(1, a.loads(), "and read by a from the cache");
  }

  @Test
  void aCachePutThroughOneInstanceIsSeenThroughTheOther() {
    ProductService a = service(0);
    ProductService b = service(1);
    assertEquals(100L * "plum".length(), b.find("plum").priceCents());
    Product discounted = new Product("plum", "Plum, on sale", 1);
    a.update("plum", discounted);
    assertEquals(discounted, b.find("plum"));
    assertEquals(discounted, a.find("plum"));
    assertEquals(1, b.loads());
    assertEquals(0, a.loads());
  }

  @Test
  void aCacheRemoveThroughOneInstanceEvictsOnBoth() {
    ProductService a = service(0);
    ProductService b = service(1);
    a.find("fig");
    b.find("fig");
    assertEquals(1, a.loads() + b.loads());
    b.remove("fig");
    var cacheA = manager(instances.get(0)).getCache("products", String.class, Product.class);
    assertNull(cacheA.get("fig"), "evicted on the other member too");
    a.find("fig");
    b.find("fig");
    assertEquals(2, a.loads() + b.loads(), "loaded again once after the removal");
  }

  @Test
  void aCacheRemoveAllThroughOneInstanceClearsBoth() {
    ProductService a = service(0);
    ProductService b = service(1);
    a.find("kiwi");
    a.find("lime");
    b.clear();
    var cacheA = manager(instances.get(0)).getCache("products", String.class, Product.class);
    var cacheB = manager(instances.get(1)).getCache("products", String.class, Product.class);
    assertNull(cacheA.get("kiwi"));
    assertNull(cacheB.get("lime"));
    b.find("kiwi");
    assertEquals(1, b.loads());
  }

  private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
