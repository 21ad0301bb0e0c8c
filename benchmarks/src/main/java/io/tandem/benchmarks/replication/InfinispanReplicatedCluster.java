package io.tandem.benchmarks.replication;

import java.util.ArrayList;
import java.util.List;
import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.context.Flag;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * Infinispan embedded: one {@code DefaultCacheManager} per member, each on Infinispan's own default
 * TCP stack ({@code default-jgroups-tcp.xml} from {@code infinispan-core}: virtual threads,
 * transfer-queue bundler) bound to 127.0.0.1, with TCPPING in place of its multicast discovery
 * (MPING). Cache mode {@code REPL_SYNC} or {@code REPL_ASYNC}, no transactions, statistics off.
 * A put uses {@code IGNORE_RETURN_VALUES}, as Infinispan's own JCache {@code put} does: nothing
 * fetches the old value.
 */
final class InfinispanReplicatedCluster implements ReplicatedCluster {

  static final String CACHE = "replbench";

  private final List<DefaultCacheManager> managers = new ArrayList<>();
  private final List<AdvancedCache<Integer, byte[]>> caches = new ArrayList<>();

  InfinispanReplicatedCluster(CacheMode mode, int members, String clusterName) {
    int[] ports = Ports.consecutive(members);
    var cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(mode);
    cache.statistics().disable();
    try {
      for (int i = 0; i < members; i++) {
        var global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.cacheManagerName("replbench-" + i);
        global.transport()
            .clusterName(clusterName)
            .nodeName("ispn-" + i)
            .addProperty(JGroupsTransport.CONFIGURATION_STRING,
                JGroupsStacks.onLoopback(JGroupsStacks.INFINISPAN_TCP, ports, i));
        var manager = new DefaultCacheManager(global.build(), false);
        managers.add(manager);
        manager.defineConfiguration(CACHE, cache.build());
        manager.start();
      }
      Await.until(members + " Infinispan members in every view",
          () -> managers.stream().allMatch(m -> m.getMembers() != null && m.getMembers().size() == members));
      for (var manager : managers) {
        caches.add(manager.<Integer, byte[]>getCache(CACHE).getAdvancedCache()
            .withFlags(Flag.IGNORE_RETURN_VALUES));
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
      managers.get(i).stop();
    }
  }
}
