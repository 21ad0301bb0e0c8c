package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <cluster>}, {@code <member>} and the mode and replication of caches, in a file. */
class ClusterFileTest {

  private static final ClassLoader LOADER = ClusterFileTest.class.getClassLoader();

  @TempDir
  Path dir;

  private Path file;

  private ManagerSettings load(String xml) throws IOException {
    file = Files.writeString(dir.resolve("tandem.xml"), xml);
    return ManagerSettings.load(file.toUri(), LOADER, null);
  }

  private String failureOf(String xml) {
    CacheException e = assertThrows(CacheException.class, () -> load(xml));
    return e.getMessage();
  }

  private void assertNames(String message, String... parts) {
    assertTrue(message.contains("file:" + file), message);
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "no '" + part + "' in: " + message);
    }
  }

  @Test
  void clusterWithOnlyANameTakesEveryDefault() {
    ManagerSettings settings = ManagerSettings.load(
        URI.create("classpath:config/cluster-only.xml"), LOADER, null);

    assertEquals(ClusterSettings.named("only-a-name"), settings.cluster().orElseThrow());
    assertEquals(CacheMode.REPLICATED, settings.caches().get("orders").getMode());
    assertEquals(ReplicationMode.SYNC, settings.caches().get("orders").getReplication());
  }

  @Test
  void fileWithoutClusterHasNone() throws IOException {
    ManagerSettings settings = load("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="orders" replication="async"/>
        </tandem>
        """);

    assertTrue(settings.cluster().isEmpty());
    assertEquals(CacheMode.LOCAL, settings.caches().get("orders").getMode());
    assertEquals(ReplicationMode.ASYNC, settings.caches().get("orders").getReplication(),
        "kept, though a local cache does not use it");
  }

  @Test
  void membersAreKeptInDocumentOrderWithWhitespaceRemoved() throws IOException {
    ManagerSettings settings = load("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name=" orders " bind-address=" 10.0.0.1 " bind-port=" 0 " timeout=" 500ms ">
            <member> node2.example.com[7800] </member>
            <member>
              10.0.0.1[7801]
            </member>
            <member>::1[7800]</member>
          </cluster>
        </tandem>
        """);

    ClusterSettings cluster = settings.cluster().orElseThrow();
    assertEquals("orders", cluster.name());
    assertEquals("10.0.0.1", cluster.bindAddress());
    assertEquals(0, cluster.bindPort());
    assertEquals(java.time.Duration.ofMillis(500), cluster.timeout());
    assertEquals(List.of("node2.example.com[7800]", "10.0.0.1[7801]", "::1[7800]"),
        cluster.initialMembers());
  }

  @Test
  void stackMayBeAJGroupsFileOnTheClassPathOrOnDisk() throws IOException {
    ManagerSettings onClassPath = load("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" stack="classpath:config/jgroups-custom.xml"/>
        </tandem>
        """);
    Path stack = Files.writeString(dir.resolve("jgroups.xml"), "<config/>");
    ManagerSettings onDisk = load("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" stack="file:%s"/>
        </tandem>
        """.formatted(stack));

    assertEquals("classpath:config/jgroups-custom.xml",
        onClassPath.cluster().orElseThrow().stack());
    assertEquals("file:" + stack, onDisk.cluster().orElseThrow().stack());
  }

  @Test
  void missingStackResourceIsNamedWithTheShippedStacks() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c"
                   stack="classpath:jgroups/nowhere.xml"/>
        </tandem>
        """);

    assertNames(message, "line 3, column", "stack=\"classpath:jgroups/nowhere.xml\"",
        "no resource 'jgroups/nowhere.xml'", "tcp, udp, kubernetes, loopback");
  }

  @Test
  void missingStackFileIsNamedWithThePathLookedAt() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" stack="file:%s/none.xml"/>
        </tandem>
        """.formatted(dir));

    assertNames(message, "line 2, column", "there is no file " + dir.resolve("none.xml"));
  }

  @Test
  void replicatedCacheWithoutClusterAsksForOne() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="scratch"/>
          <cache name="orders" mode="replicated"/>
        </tandem>
        """);

    assertNames(message, "line 3, column",
        "<cache name=\"orders\"> has mode=\"replicated\" but the file has no <cluster>",
        "add <cluster name=\"...\">");
    assertFalse(message.contains("scratch"), message);
  }

  @Test
  void replicatedDefaultsWithoutClusterAreReportedOnceAtDefaults() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(
        URI.create("classpath:config/replicated-without-cluster.xml"), LOADER, null));

    String message = e.getMessage();
    assertTrue(message.startsWith("Invalid Tandem configuration: classpath:config/"
        + "replicated-without-cluster.xml, line 2, column"), message);
    assertTrue(message.contains("<defaults> has mode=\"replicated\" but the file has no"
        + " <cluster>; add <cluster name=\"...\">"), message);
  }

  @Test
  void hostColonPortMemberIsRefusedWithTheBracketForm() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c">
            <member>node1[7800]</member>
            <member>node2:7800</member>
          </cluster>
        </tandem>
        """);

    assertNames(message, "line 4, column", "<member>node2:7800</member> is not valid",
        "host[port]", "node1.example.com[7800]");
  }

  @Test
  void memberPortOutOfRangeIsRefusedWithTheRange() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c">
            <member>node1[78000]</member>
          </cluster>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<member>node1[78000]</member>", "port 78000",
        "from 1 to 65535");
  }

  @Test
  void memberListedTwiceIsRefused() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c">
            <member>node1[7800]</member>
            <member>node1[7800]</member>
          </cluster>
        </tandem>
        """);

    assertNames(message, "line 4, column", "<member>node1[7800]</member> is listed twice");
  }

  @Test
  void unknownStackListsTheShippedOnes() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" stack="tcp-nio"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "stack=\"tcp-nio\" is not valid",
        "tcp (TCP with TCPPING", "classpath:NAME");
  }

  @Test
  void bindPortOutOfRangeIsRefused() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" bind-port="70000"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "bind-port=\"70000\"", "0 to 65535");
  }

  @Test
  void zeroTimeoutIsRefused() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" timeout="0s"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "timeout=\"0s\" is not valid", "positive duration");
  }

  @Test
  void unknownPartitionHandlingListsTheChoices() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="c" partition-handling="deny-read-writes"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "partition-handling=\"deny-read-writes\"",
        "allow-read-writes", "deny-writes");
  }

  @Test
  void unknownModeAndReplicationListTheChoices() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <defaults mode="distributed"/>
          <cache name="c" replication="semi-sync"/>
        </tandem>
        """);

    assertNames(message, "(2 problems)", "line 2, column", "mode=\"distributed\"",
        "local (entries on this member only) or replicated", "line 3, column",
        "replication=\"semi-sync\"", "sync (a write returns");
  }

  @Test
  void clusterWithoutNameAsksForOne() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster stack="loopback"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "<cluster> needs the attribute name");
  }

  @Test
  void clusterAfterDefaultsIsOutOfOrder() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <defaults/>
          <cluster name="c"/>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<cluster> is not allowed here");
  }

  @Test
  void secondClusterIsRefused() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="a"/>
          <cluster name="b"/>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<cluster> is not allowed here");
  }

  @Test
  void unknownClusterAttributeListsTheKnownOnes() {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cluster name="a" bind-addr="10.0.0.1"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "<cluster> has no attribute bind-addr",
        "name, stack, bind-address, bind-port, timeout, partition-handling");
  }
}
