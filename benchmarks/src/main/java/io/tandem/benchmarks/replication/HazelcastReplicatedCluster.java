package io.tandem.benchmarks.replication;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast embedded: one member per {@code HazelcastInstance}, TCP-IP join on 127.0.0.1 with the
 * members listed, multicast and auto-detection off, no port auto-increment. The map keeps one
 * backup: synchronous ({@code backup-count 1}, the default) or asynchronous ({@code backup-count
 * 0, async-backup-count 1}). A put is {@code IMap.set}, which does not return the old value. With
 * 3 members a key lives on 2 of them (primary + backup), so Hazelcast replicates to fewer members
 * than the replicated caches do; with 2 members every member holds every key, as in the others.
 */
final class HazelcastReplicatedCluster implements ReplicatedCluster {

  static final String MAP = "replbench";

  private final List<HazelcastInstance> instances = new ArrayList<>();
  private final List<IMap<Integer, byte[]>> maps = new ArrayList<>();

  HazelcastReplicatedCluster(boolean syncBackup, int members, String clusterName) {
    int[] ports = Ports.consecutive(members);
    var addresses = new ArrayList<String>();
    for (int port : ports) {
      addresses.add(Ports.LOOPBACK + ":" + port);
    }
    try {
      for (int i = 0; i < members; i++) {
        var config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + i);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        var network = config.getNetworkConfig();
        network.setPort(ports[i]).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(Ports.LOOPBACK);
        var join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(addresses);
        config.addMapConfig(new MapConfig(MAP)
            .setBackupCount(syncBackup ? 1 : 0)
            .setAsyncBackupCount(syncBackup ? 0 : 1)
            .setStatisticsEnabled(false));
        instances.add(Hazelcast.newHazelcastInstance(config));
      }
      Await.until(members + " Hazelcast members in every view",
          () -> instances.stream().allMatch(h -> h.getCluster().getMembers().size() == members));
      for (var instance : instances) {
        maps.add(instance.getMap(MAP));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public int size() {
    return instances.size();
  }

  @Override
  public void put(int member, Integer key, byte[] value) {
    maps.get(member).set(key, value);
  }

  @Override
  public byte[] get(int member, Integer key) {
    return maps.get(member).get(key);
  }

  @Override
  public void close() {
    for (int i = instances.size() - 1; i >= 0; i--) {
      instances.get(i).getLifecycleService().terminate();
    }
  }
}
