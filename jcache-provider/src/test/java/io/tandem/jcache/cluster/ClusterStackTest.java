package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClusterStackTest {

  @BeforeAll
  static void ipv4() {
    System.setProperty("java.net.preferIPv4Stack", "true");
  }

  @ParameterizedTest
  @EnumSource(ClusterStack.class)
  void everyShippedStackParsesWithTheRequiredProtocolsAndBindsToLoopbackByDefault(
      ClusterStack stack) throws Exception {
    try (InputStream in = stack.open(); JChannel channel = new JChannel(in)) {
      List<String> names = new ArrayList<>();
      for (Protocol p : channel.getProtocolStack().getProtocols()) {
        names.add(p.getName());
      }
      for (String required : List.of("MERGE3", "FD_ALL3", "VERIFY_SUSPECT2", "NAKACK2",
          "UNICAST3", "STABLE", "GMS", "UFC", "MFC", "FRAG4")) {
        assertTrue(names.contains(required), stack + " lacks " + required + ": " + names);
      }
      TP transport = channel.getProtocolStack().getTransport();
      assertTrue(transport.getBindAddress().isLoopbackAddress(),
          stack + " binds to " + transport.getBindAddress());
    }
  }

  @Test
  void twoChannelsOnTheLoopbackStackFormOneView() throws Exception {
    assertTwoChannelsFormOneView(ClusterStack.LOOPBACK);
  }

  @Test
  void twoChannelsOnTheTcpStackFindEachOtherThroughTheInitialHostsProperty() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    // the placeholders of tcp.xml, overridden as a user would with -D
    System.setProperty("jgroups.bind_port", Integer.toString(port));
    System.setProperty("jgroups.tcpping.initial_hosts", "127.0.0.1[" + port + "]");
    System.setProperty("jgroups.tcpping.port_range", "3");
    System.setProperty("jgroups.join_timeout", "500ms");
    try {
      assertTwoChannelsFormOneView(ClusterStack.TCP);
    } finally {
      System.clearProperty("jgroups.bind_port");
      System.clearProperty("jgroups.tcpping.initial_hosts");
      System.clearProperty("jgroups.tcpping.port_range");
      System.clearProperty("jgroups.join_timeout");
    }
  }

  private static void assertTwoChannelsFormOneView(ClusterStack stack) throws Exception {
    String cluster = "stack-test-" + UUID.randomUUID();
    try (JChannel a = new JChannel(stack.open()); JChannel b = new JChannel(stack.open())) {
      a.connect(cluster);
      b.connect(cluster);
      Await.until(() -> a.getView().size() == 2 && b.getView().size() == 2,
          () -> "views " + a.getView() + " / " + b.getView());
      assertEquals(a.getView(), b.getView());
      for (JChannel c : List.of(a, b)) {
        TP transport = c.getProtocolStack().getTransport();
        assertEquals(InetAddress.getByName("127.0.0.1"), transport.getBindAddress());
        PhysicalAddress physical =
            (PhysicalAddress) c.down(new Event(Event.GET_PHYSICAL_ADDRESS, c.getAddress()));
        assertNotNull(physical);
        assertTrue(physical.printIpAddress().startsWith("127.0.0.1"), physical.printIpAddress());
      }
    }
  }

  @Test
  void stacksAreNamedByTheirShortNames() {
    assertEquals(ClusterStack.KUBERNETES, ClusterStack.named("Kubernetes"));
    assertEquals("loopback", ClusterStack.LOOPBACK.shortName());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClusterStack.named("tpc"));
    assertTrue(e.getMessage().contains("tcp, udp, kubernetes, loopback"));
  }
}
