package io.tandem.benchmarks.replication;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * Tandem: one cache manager per member, stack {@code tcp} on 127.0.0.1 with the members list as
 * TCPPING hosts, cache mode REPLICATED, replication {@code sync} or {@code async}. Set up and
 * used through {@code javax.cache} only. The cache is a plain {@code MutableConfiguration}
 * (store-by-value, as an application gets by default), created on member 0; the other members
 * receive its definition from the cluster.
 */
final class TandemReplicatedCluster implements ReplicatedCluster {

  static final String PROVIDER = "io.tandem.jcache.TandemCachingProvider";
  static final String CACHE = "replbench";

  private final List<CacheManager> managers = new ArrayList<>();
  private final List<Cache<Integer, byte[]>> caches = new ArrayList<>();

  TandemReplicatedCluster(String replication, int members, String clusterName) {
    int[] ports = Ports.consecutive(members);
    var provider = Caching.getCachingProvider(PROVIDER);
    try {
      for (int i = 0; i < members; i++) {
        var p = new Properties();
        p.setProperty("tandem.cluster.name", clusterName);
        p.setProperty("tandem.cluster.stack", "tcp");
        p.setProperty("tandem.cluster.bind-address", Ports.LOOPBACK);
        p.setProperty("tandem.cluster.bind-port", Integer.toString(ports[i]));
        p.setProperty("tandem.cluster.members", Ports.jgroupsHosts(ports));
        p.setProperty("tandem.defaults.mode", "replicated");
        p.setProperty("tandem.defaults.replication", replication);
        managers.add(provider.getCacheManager(URI.create("replbench:" + clusterName + "/" + i),
            TandemReplicatedCluster.class.getClassLoader(), p));
      }
      caches.add(managers.get(0).createCache(CACHE,
          new MutableConfiguration<Integer, byte[]>().setTypes(Integer.class, byte[].class)));
      for (int i = 1; i < members; i++) {
        var manager = managers.get(i);
        Await.until("Tandem member " + i + " has the cache definition",
            () -> manager.getCache(CACHE, Integer.class, byte[].class) != null);
        caches.add(manager.getCache(CACHE, Integer.class, byte[].class));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public int size() {
    return managers.size();
  }

  @Override
  public void put(int member, Integer key, byte[] value) {
    caches.get(member).put(key, value);
  }

  @Override
  public byte[] get(int member, Integer key) {
    return caches.get(member).get(key);
  }

  @Override
  public void close() {
    for (int i = managers.size() - 1; i >= 0; i--) {
      managers.get(i).close();
    }
  }
}
