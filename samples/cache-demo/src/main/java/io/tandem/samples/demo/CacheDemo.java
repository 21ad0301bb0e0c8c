package io.tandem.samples.demo;

import io.tandem.jcache.TandemCache;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.ObjectName;

/**
 * A cache at work through the plain javax.cache API: put and get, store-by-value copies, expiry
 * with its EXPIRED event, a listener, and the statistics JMX shows.
 *
 * <p>Run it with {@code mvn -B -q install -DskipTests && mvn -B -q -pl samples/cache-demo exec:java}
 * (the README gives the one-line form).
 */
public final class CacheDemo {

  /** Where the listener prints: the listener is made by a factory, so it cannot be handed one. */
  static volatile PrintStream OUT = System.out;

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  public static void run(PrintStream out) throws Exception {
    OUT = out;
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    try {
      MutableConfiguration<String, Product> config = new MutableConfiguration<String, Product>()
          .setTypes(String.class, Product.class)
          .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
              new javax.cache.expiry.Duration(TimeUnit.SECONDS, 2)))
          .setStatisticsEnabled(true)
          .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
              FactoryBuilder.factoryOf(PrintingListener.class), null, true, true));
      Cache<String, Product> products = manager.createCache("products", config);

      out.println("== put and get");
      Product mug = new Product("MUG-1", "Coffee mug", 1250);
      products.put(mug.sku(), mug);
      out.println("get MUG-1 -> " + products.get("MUG-1"));

      out.println("== store-by-value: the cache keeps its own copy");
      mug.rename("Renamed only in my hands");
      out.println("get MUG-1 -> " + products.get("MUG-1"));

      out.println("== update, conditional operations, an entry processor");
      products.put("MUG-1", new Product("MUG-1", "Coffee mug, large", 1450));
      out.println("putIfAbsent TEA-1 -> " + products.putIfAbsent("TEA-1",
          new Product("TEA-1", "Green tea", 600)));
      out.println("putIfAbsent TEA-1 again -> " + products.putIfAbsent("TEA-1",
          new Product("TEA-1", "Black tea", 500)));
      long price = products.invoke("TEA-1", (entry, a) -> {
        Product p = entry.getValue();
        Product discounted = new Product(p.sku(), p.name(), p.priceCents() * 9 / 10);
        entry.setValue(discounted);
        return discounted.priceCents();
      });
      out.println("10% off TEA-1 -> " + price + " cents");

      out.println("== expiry: entries live 2 seconds; one more lives 1 hour (Tandem's per-entry TTL)");
      TandemCache<String, Product> tandem = products.unwrap(TandemCache.class);
      tandem.put("GIFT-1", new Product("GIFT-1", "Gift card", 5000), Duration.ofHours(1));
      Thread.sleep(2100);
      out.println("get MUG-1 after 2.1 s -> " + products.get("MUG-1"));
      out.println("get GIFT-1 after 2.1 s -> " + products.get("GIFT-1"));
      tandem.cleanUp(); // the background sweep would do this within a second

      // The statistics as any JMX client (jconsole, VisualVM, Prometheus' JMX exporter) sees them.
      ObjectName name = new ObjectName("javax.cache:type=CacheStatistics,CacheManager="
          + manager.getURI().toString().replaceAll("[,:=\n]", ".") + ",Cache=products");
      CacheStatisticsMXBean stats = JMX.newMXBeanProxy(
          ManagementFactory.getPlatformMBeanServer(), name, CacheStatisticsMXBean.class);
      out.println("== statistics, read through JMX from " + name);
      out.printf("gets=%d hits=%d misses=%d puts=%d removals=%d evictions=%d hit%%=%.1f%n",
          stats.getCacheGets(), stats.getCacheHits(), stats.getCacheMisses(),
          stats.getCachePuts(), stats.getCacheRemovals(), stats.getCacheEvictions(),
          stats.getCacheHitPercentage());
    } finally {
      manager.close();
    }
  }

  /** Prints every event; synchronous, so its lines appear in order with the demo's. */
  public static final class PrintingListener implements CacheEntryCreatedListener<String, Product>,
      CacheEntryUpdatedListener<String, Product>, CacheEntryExpiredListener<String, Product>,
      Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Product>> events) {
      events.forEach(e -> OUT.println("  [listener] CREATED " + e.getKey() + " = " + e.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Product>> events) {
      events.forEach(e -> OUT.println("  [listener] UPDATED " + e.getKey() + ": "
          + e.getOldValue() + " -> " + e.getValue()));
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Product>> events) {
      events.forEach(e -> OUT.println("  [listener] EXPIRED " + e.getKey() + " (was " + e.getValue() + ")"));
    }
  }
}
