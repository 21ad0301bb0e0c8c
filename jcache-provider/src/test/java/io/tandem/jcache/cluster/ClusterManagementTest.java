package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterManagementTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @BeforeAll
  static void ipv4() {
    System.setProperty("java.net.preferIPv4Stack", "true");
  }

  @Test
  void theClusterBeanLivesInTandemsDomainWithTheManagerUriQuoted() {
    ObjectName name = ClusterManagement.objectName("tandem:default,odd=uri");
    assertEquals("io.tandem", name.getDomain());
    assertEquals("Cluster", name.getKeyProperty("type"));
    assertEquals("tandem:default,odd=uri", ObjectName.unquote(name.getKeyProperty("CacheManager")));
  }

  @Test
  void registeredBeanReportsTheClusterAndUnregistersCleanly() throws Exception {
    String cluster = "jmx-test-" + UUID.randomUUID();
    String uri = "tandem:jmx-test-" + UUID.randomUUID();
    try (ClusterMembership a = new ClusterMembership().start(cluster, ClusterStack.LOOPBACK);
        ClusterMembership b = new ClusterMembership().start(cluster, ClusterStack.LOOPBACK)) {
      Await.until(() -> a.members().size() == 2 && b.members().size() == 2,
          () -> a.view() + " / " + b.view());
      ClusterManagement management = new ClusterManagement(a, uri);
      management.register();
      management.register(); // a second registration is harmless
      ObjectName name = ClusterManagement.objectName(uri);
      try {
        assertTrue(server.isRegistered(name));
        assertTrue(server.queryNames(new ObjectName("javax.cache:*"), null).stream()
            .noneMatch(n -> "Cluster".equals(n.getKeyProperty("type"))));
        ClusterMXBean proxy = JMX.newMXBeanProxy(server, name, ClusterMXBean.class);
        assertEquals(cluster, proxy.getClusterName());
        assertTrue(proxy.isRunning());
        assertEquals(2, proxy.getMemberCount());
        assertEquals(a.members().stream().map(Object::toString).toList(), proxy.getMembers());
        assertEquals(a.view().getViewId().toString(), proxy.getViewId());
        assertEquals(a.coordinator().toString(), proxy.getCoordinator());
        assertTrue(proxy.isLocalMemberCoordinator());
        assertEquals(a.localAddress().toString(), proxy.getLocalAddress());
        assertEquals(256, proxy.getSegmentCount());
        int mine = proxy.getPrimarySegments();
        assertEquals(a.owners().primaryCount(a.localAddress()), mine);
        assertEquals(256, mine + b.owners().primaryCount(b.localAddress()));
        assertEquals(List.of(2), List.of(server.getAttribute(name, "MemberCount")));
      } finally {
        management.unregister();
      }
      assertFalse(server.isRegistered(name));
      management.unregister(); // and so is a second unregistration
    }
  }

  @Test
  void aClosedMembershipReportsNoCluster() {
    ClusterMembership m = new ClusterMembership();
    ClusterManagement management = new ClusterManagement(m, "tandem:closed");
    assertFalse(management.isRunning());
    assertEquals(List.of(), management.getMembers());
    assertEquals("", management.getViewId());
    assertEquals(0, management.getPrimarySegments());
    m.close();
    assertEquals("", management.getLocalAddress());
    assertFalse(management.isLocalMemberCoordinator());
  }
}
