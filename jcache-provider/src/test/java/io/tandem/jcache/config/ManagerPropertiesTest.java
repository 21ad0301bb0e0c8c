package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manager properties, which override the configuration file. */
class ManagerPropertiesTest {

  private static final URI FULL = URI.create("classpath:config/full.xml");
  private static final ClassLoader LOADER = ManagerPropertiesTest.class.getClassLoader();

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void allowPropertyAddsToTheFilesAllowlist() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER,
        properties(SerializationSettings.ALLOW_PROPERTY, " com.plugin.Event , org.acme.** ,"));

    assertEquals(
        List.of("com.example.model.**", "com.example.Order", "com.plugin.Event", "org.acme.**"),
        settings.serialization().allowedClasses());
  }

  @Test
  void maxValueSizePropertyReplacesTheFilesSize() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER,
        properties(SerializationSettings.MAX_VALUE_SIZE_PROPERTY, "1GiB"));

    assertEquals(1 << 30, settings.serialization().maxValueBytes());
  }

  @Test
  void maxEntriesPropertyReplacesDefaultsForDeclaredAndProgrammaticCaches() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER,
        properties(ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY, "42"));

    assertEquals(42, settings.caches().get("sessions").getMaxEntries());
    assertEquals(10_000, settings.caches().get("users").getMaxEntries(), "set on the cache");
    assertEquals(42, settings.withDefaults(new MutableConfiguration<>()).getMaxEntries());
  }

  @Test
  void propertiesApplyToManagersWithoutAFile() {
    ManagerSettings settings = ManagerSettings.load(URI.create("dummy"), LOADER, properties(
        SerializationSettings.MAX_VALUE_SIZE_PROPERTY, "65536",
        SerializationSettings.ALLOW_PROPERTY, "com.example.**",
        ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY, "7"));

    assertEquals(65536, settings.serialization().maxValueBytes());
    assertEquals(List.of("com.example.**"), settings.serialization().allowedClasses());
    assertEquals(7, settings.withDefaults(new MutableConfiguration<>()).getMaxEntries());
  }

  @Test
  void propertiesOutsideTandemBelongToTheApplicationAndAreIgnored() {
    ManagerSettings settings = ManagerSettings.load(URI.create("dummy"), LOADER,
        properties("hibernate.cache.use_second_level_cache", "true", "tandemx", "1"));

    assertEquals(ManagerSettings.BUILT_IN_SOURCE, settings.source());
  }

  @Test
  void unknownTandemPropertyIsRefusedWithTheKnownOnes() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(
        URI.create("http://foo"), LOADER, properties("tandem.serialisation.allow", "a.B")));

    assertTrue(e.getMessage().contains("'tandem.serialisation.allow'"), e.getMessage());
    assertTrue(e.getMessage().contains("http://foo"), e.getMessage());
    for (String known : ManagerProperties.KNOWN) {
      assertTrue(e.getMessage().contains(known), e.getMessage());
    }
  }

  @Test
  void sizePropertyWithAnUnknownUnitNamesThePropertyAndTheFormat() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(FULL, LOADER,
        properties(SerializationSettings.MAX_VALUE_SIZE_PROPERTY, "16MB")));

    assertTrue(e.getMessage().contains("tandem.serialization.max-value-size=16MB"),
        e.getMessage());
    assertTrue(e.getMessage().contains("KiB, MiB or GiB"), e.getMessage());
  }

  @Test
  void negativeMaxEntriesPropertyIsRefused() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(FULL, LOADER,
        properties(ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY, "-5")));

    assertTrue(e.getMessage().contains("tandem.defaults.max-entries=-5"), e.getMessage());
    assertTrue(e.getMessage().contains("0 for no bound"), e.getMessage());
  }

  @Test
  void clusterNameAloneCreatesAClusterWithEveryDefault() {
    ManagerSettings settings = ManagerSettings.load(URI.create("dummy"), LOADER,
        properties(ClusterSettings.NAME_PROPERTY, " orders "));

    assertEquals(Optional.of(ClusterSettings.named("orders")), settings.cluster());
  }

  @Test
  void managerWithoutFileOrClusterPropertiesHasNoCluster() {
    assertEquals(Optional.empty(),
        ManagerSettings.load(URI.create("dummy"), LOADER, properties()).cluster());
  }

  @Test
  void clusterPropertiesReplaceEveryClusterSettingOfTheFile() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER, properties(
        ClusterSettings.NAME_PROPERTY, "other",
        ClusterSettings.STACK_PROPERTY, "classpath:config/jgroups-custom.xml",
        ClusterSettings.BIND_ADDRESS_PROPERTY, "10.0.0.9",
        ClusterSettings.BIND_PORT_PROPERTY, "0",
        ClusterSettings.MEMBERS_PROPERTY, " 10.0.0.9[7800], node2[7801] ,",
        ClusterSettings.TIMEOUT_PROPERTY, "1m",
        ClusterSettings.PARTITION_HANDLING_PROPERTY, "allow-read-writes"));

    assertEquals(new ClusterSettings("other", "classpath:config/jgroups-custom.xml", "10.0.0.9",
        0, List.of("10.0.0.9[7800]", "node2[7801]"), Duration.ofMinutes(1),
        PartitionHandling.ALLOW_READ_WRITES), settings.cluster().orElseThrow());
  }

  @Test
  void clusterPropertiesNotGivenKeepTheFilesSettings() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER,
        properties(ClusterSettings.BIND_ADDRESS_PROPERTY, "10.0.0.9"));

    ClusterSettings cluster = settings.cluster().orElseThrow();
    assertEquals("10.0.0.9", cluster.bindAddress());
    assertEquals("full-cluster", cluster.name());
    assertEquals(List.of("127.0.0.2[7900]", "127.0.0.3[7900]"), cluster.initialMembers());
    assertEquals(PartitionHandling.DENY_WRITES, cluster.partitionHandling());
  }

  @Test
  void emptyMembersPropertyClearsTheFilesMembers() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER,
        properties(ClusterSettings.MEMBERS_PROPERTY, ""));

    assertEquals(List.of(), settings.cluster().orElseThrow().initialMembers());
  }

  @Test
  void clusterPropertiesWithoutAClusterAskForItsName() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(
        URI.create("classpath:config/minimal.xml"), LOADER, properties(
            ClusterSettings.STACK_PROPERTY, "udp",
            ClusterSettings.TIMEOUT_PROPERTY, "5s")));

    assertTrue(e.getMessage().contains("tandem.cluster.stack, tandem.cluster.timeout"),
        e.getMessage());
    assertTrue(e.getMessage().contains("set tandem.cluster.name as well, or add <cluster"
        + " name=\"...\"> to classpath:config/minimal.xml"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tandem.cluster.name|  |cluster name is empty",
      "tandem.cluster.stack|tcp-nio|tcp, udp, kubernetes, loopback",
      "tandem.cluster.bind-address|10.0.0.1 10.0.0.2|IP address or host name",
      "tandem.cluster.bind-port|78000|from 0 to 65535",
      "tandem.cluster.bind-port|http|from 0 to 65535",
      "tandem.cluster.members|node1[7800],node2:7800|write node2[7800] rather than host:port",
      "tandem.cluster.members|node1[0]|from 1 to 65535",
      "tandem.cluster.timeout|0s|positive whole number",
      "tandem.cluster.timeout|15|such as 500ms, 15s or 1m",
      "tandem.cluster.partition-handling|deny-read-writes|allow-read-writes, deny-writes",
      "tandem.defaults.mode|distributed|local, replicated",
      "tandem.defaults.replication|SYNC|sync, async"})
  void badClusterAndModePropertyNamesThePropertyAndTheFix(
      String property, String value, String fix) {
    String given = value == null ? "  " : value;
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(FULL, LOADER,
        properties(property, given)));

    assertTrue(e.getMessage().contains("Invalid property " + property + "=" + given),
        e.getMessage());
    assertTrue(e.getMessage().contains(fix), e.getMessage());
  }

  @Test
  void missingStackResourceInAPropertyIsNamed() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(FULL, LOADER,
        properties(ClusterSettings.STACK_PROPERTY, "classpath:nowhere.xml")));

    assertTrue(e.getMessage().contains(
        "Invalid property tandem.cluster.stack=classpath:nowhere.xml"), e.getMessage());
    assertTrue(e.getMessage().contains("no resource 'nowhere.xml'"), e.getMessage());
  }

  @Test
  void modeAndReplicationPropertiesReplaceDefaultsForDeclaredAndProgrammaticCaches() {
    ManagerSettings settings = ManagerSettings.load(FULL, LOADER, properties(
        ManagerSettings.DEFAULT_MODE_PROPERTY, "local",
        ManagerSettings.DEFAULT_REPLICATION_PROPERTY, "sync"));

    assertEquals(CacheMode.LOCAL, settings.caches().get("sessions").getMode());
    assertEquals(ReplicationMode.SYNC, settings.caches().get("sessions").getReplication());
    assertEquals(CacheMode.REPLICATED, settings.caches().get("users").getMode(),
        "set on the cache");
    var granted = settings.withDefaults(new MutableConfiguration<>());
    assertEquals(CacheMode.LOCAL, granted.getMode());
    assertEquals(ReplicationMode.SYNC, granted.getReplication());
  }

  @Test
  void replicatedDefaultsNeedAClusterFromTheFileOrTheProperties() {
    CacheException e = assertThrows(CacheException.class, () -> ManagerSettings.load(
        URI.create("dummy"), LOADER, properties(ManagerSettings.DEFAULT_MODE_PROPERTY,
            "replicated")));
    assertTrue(e.getMessage().contains("tandem.defaults.mode=replicated given to the cache"
        + " manager dummy needs a cluster"), e.getMessage());
    assertTrue(e.getMessage().contains("set tandem.cluster.name"), e.getMessage());

    ManagerSettings settings = ManagerSettings.load(URI.create("dummy"), LOADER, properties(
        ManagerSettings.DEFAULT_MODE_PROPERTY, "replicated",
        ManagerSettings.DEFAULT_REPLICATION_PROPERTY, "async",
        ClusterSettings.NAME_PROPERTY, "test-cluster",
        ClusterSettings.STACK_PROPERTY, "loopback"));
    var granted = settings.withDefaults(new MutableConfiguration<>());
    assertEquals(CacheMode.REPLICATED, granted.getMode());
    assertEquals(ReplicationMode.ASYNC, granted.getReplication());
    assertEquals("loopback", settings.cluster().orElseThrow().stack());
  }

  @Test
  void replicatedCachesOfAFileWithoutClusterTakeTheClusterFromTheName() {
    ManagerSettings settings = ManagerSettings.load(
        URI.create("classpath:config/replicated-without-cluster.xml"), LOADER,
        properties(ClusterSettings.NAME_PROPERTY, "from-property"));

    assertEquals("from-property", settings.cluster().orElseThrow().name());
    assertEquals(CacheMode.REPLICATED, settings.caches().get("orders").getMode());
    assertEquals(CacheMode.LOCAL, settings.caches().get("scratch").getMode());
  }

  @Test
  void aFileWithoutClusterRunsLocallyWithTheModePropertySetToLocal() {
    ManagerSettings settings = ManagerSettings.load(
        URI.create("classpath:config/replicated-without-cluster.xml"), LOADER,
        properties(ManagerSettings.DEFAULT_MODE_PROPERTY, "local"));

    assertTrue(settings.cluster().isEmpty());
    assertEquals(CacheMode.LOCAL, settings.caches().get("orders").getMode());
  }

  @Test
  void everyClusterAndModePropertyIsKnown() {
    assertTrue(ManagerProperties.KNOWN.containsAll(List.of(
        "tandem.cluster.name", "tandem.cluster.stack", "tandem.cluster.bind-address",
        "tandem.cluster.bind-port", "tandem.cluster.members", "tandem.cluster.timeout",
        "tandem.cluster.partition-handling", "tandem.defaults.mode",
        "tandem.defaults.replication")), ManagerProperties.KNOWN.toString());
  }
}
