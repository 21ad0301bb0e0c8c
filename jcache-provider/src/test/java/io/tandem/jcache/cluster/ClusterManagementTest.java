package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ClusterManagementTest extends ClusterTestSupport {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void theClusterBeanLivesInTandemsDomainWithTheManagerUriQuoted() {
    ObjectName name = ClusterManagement.objectName("tandem:default,odd=uri");
    assertEquals("io.tandem", name.getDomain());
    assertEquals("Cluster", name.getKeyProperty("type"));
    assertEquals("tandem:default,odd=uri", ObjectName.unquote(name.getKeyProperty("CacheManager")));
  }

  @Test
  void eachManagerRegistersItsClusterBeanUntilItCloses() throws Exception {
    var a = startMember();
    var b = startMember();
    awaitStable();
    ObjectName name = ClusterManagement.objectName(a.getURI().toString());
    assertTrue(server.isRegistered(name));
    assertTrue(server.queryNames(new ObjectName("javax.cache:*"), null).stream()
        .noneMatch(n -> "Cluster".equals(n.getKeyProperty("type"))));
    ClusterMXBean proxy = JMX.newMXBeanProxy(server, name, ClusterMXBean.class);
    ClusterNode node = a.getCluster().orElseThrow();
    assertEquals(clusterName, proxy.getClusterName());
    assertTrue(proxy.isRunning());
    assertEquals(2, proxy.getMemberCount());
    assertEquals(2, proxy.getReadyMemberCount());
    assertTrue(proxy.isStable());
    assertEquals(100, proxy.getStateTransferPercent());
    assertFalse(proxy.isDegraded());
    assertEquals(node.view().getViewId().toString(), proxy.getViewId());
    assertEquals(node.address().toString(), proxy.getLocalAddress());
    assertEquals(256, proxy.getSegmentCount());
    assertEquals(256, proxy.getPrimarySegments()
        + b.getCluster().orElseThrow().primarySegments());
    a.close();
    members.remove(a);
    assertFalse(server.isRegistered(name));
  }
}
