package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cluster settings built in code get the same checks as those read from a file. */
class ClusterSettingsTest {

  @Test
  void namedClusterHasEveryDefault() {
    ClusterSettings settings = ClusterSettings.named("orders");

    assertEquals("orders", settings.name());
    assertEquals("tcp", settings.stack());
    assertEquals("127.0.0.1", settings.bindAddress());
    assertEquals(7800, settings.bindPort());
    assertEquals(List.of(), settings.initialMembers());
    assertEquals(Duration.ofSeconds(15), settings.timeout());
    assertEquals(PartitionHandling.ALLOW_READ_WRITES, settings.partitionHandling());
  }

  @Test
  void withersReplaceOneSettingEach() {
    ClusterSettings settings = ClusterSettings.named("a")
        .withName("b")
        .withStack("loopback")
        .withBindAddress("10.0.0.5")
        .withBindPort(0)
        .withInitialMembers(List.of("10.0.0.5[7800]", "10.0.0.6[7800]"))
        .withTimeout(Duration.ofMillis(500))
        .withPartitionHandling(PartitionHandling.DENY_WRITES);

    assertEquals(new ClusterSettings("b", "loopback", "10.0.0.5", 0,
        List.of("10.0.0.5[7800]", "10.0.0.6[7800]"), Duration.ofMillis(500),
        PartitionHandling.DENY_WRITES), settings);
  }

  @Test
  void malformedMemberIsRefusedWithTheForm() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ClusterSettings.named("a").withInitialMembers(List.of("node1:7800")));
    assertTrue(e.getMessage().contains("host[port]"), e.getMessage());
  }

  @Test
  void unknownStackIsRefusedWithTheShippedOnes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ClusterSettings.named("a").withStack("tcp-nio"));
    assertTrue(e.getMessage().contains("tcp, udp, kubernetes, loopback"), e.getMessage());
  }

  @Test
  void portAndTimeoutAreChecked() {
    assertThrows(IllegalArgumentException.class,
        () -> ClusterSettings.named("a").withBindPort(65536));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterSettings.named("a").withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ClusterSettings.named(" "));
  }

  @Test
  void withClusterReplacesTheClusterOfTheFileAndProperties() {
    ManagerSettings settings = ManagerSettings.load(java.net.URI.create("dummy"),
        getClass().getClassLoader(), null);

    ManagerSettings clustered = settings.withCluster(ClusterSettings.named("in-code"));

    assertTrue(settings.cluster().isEmpty());
    assertEquals("in-code", clustered.cluster().orElseThrow().name());
    assertEquals(settings.source(), clustered.source());
  }
}
