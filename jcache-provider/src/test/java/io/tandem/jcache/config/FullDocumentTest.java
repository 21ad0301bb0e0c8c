package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullDocumentTest {

  private static final URI FULL = URI.create("classpath:config/full.xml");

  @TempDir
  Path dir;

  private static ManagerSettings full() {
    return ManagerSettings.load(FULL, FullDocumentTest.class.getClassLoader(), null);
  }

  @Test
  void serializationSettingsComeFromTheFile() {
    ManagerSettings settings = full();

    assertEquals("classpath:config/full.xml", settings.source());
    assertEquals(List.of("com.example.model.**", "com.example.Order"),
        settings.serialization().allowedClasses());
    assertEquals(512 * 1024, settings.serialization().maxValueBytes());
  }

  @Test
  void clusterSettingsComeFromTheFile() {
    ClusterSettings cluster = full().cluster().orElseThrow();

    assertEquals(new ClusterSettings("full-cluster", "loopback", "127.0.0.2", 7900,
        List.of("127.0.0.2[7900]", "127.0.0.3[7900]"), java.time.Duration.ofSeconds(5),
        PartitionHandling.DENY_WRITES), cluster);
  }

  @Test
  void cacheModesComeFromTheCacheElseFromDefaults() {
    Map<String, TandemConfiguration<?, ?>> caches = full().caches();

    assertEquals(CacheMode.REPLICATED, caches.get("users").getMode());
    assertEquals(ReplicationMode.SYNC, caches.get("users").getReplication());
    assertEquals(CacheMode.REPLICATED, caches.get("sessions").getMode());
    assertEquals(ReplicationMode.ASYNC, caches.get("sessions").getReplication());
    assertEquals(CacheMode.LOCAL, caches.get("lookups").getMode());
  }

  @Test
  void cachesAreListedInDocumentOrder() {
    assertEquals(List.of("users", "sessions", "lookups"), List.copyOf(full().caches().keySet()));
  }

  @Test
  void cacheAttributesOverrideDefaults() {
    TandemConfiguration<?, ?> users = full().caches().get("users");

    assertEquals(String.class, users.getKeyType());
    assertEquals(String.class, users.getValueType());
    assertEquals(10_000, users.getMaxEntries());
    assertFalse(users.isStatisticsEnabled());
    assertTrue(users.isManagementEnabled());
    assertTrue(users.isStoreByValue());
    assertTrue(users.isReadThrough());
    assertTrue(users.isWriteThrough());
  }

  @Test
  void cacheWithoutAttributesTakesEveryDefault() {
    TandemConfiguration<?, ?> sessions = full().caches().get("sessions");

    assertEquals(500, sessions.getMaxEntries());
    assertTrue(sessions.isStatisticsEnabled());
    assertFalse(sessions.isManagementEnabled());
    assertFalse(sessions.isStoreByValue());
    assertFalse(sessions.isReadThrough());
    assertEquals(Object.class, sessions.getValueType());
  }

  @Test
  void componentsAreCreatedFromTheirClassNames() {
    TandemConfiguration<?, ?> users = full().caches().get("users");

    var expiry = users.getExpiryPolicyFactory().create();
    assertInstanceOf(AccessedExpiryPolicy.class, expiry);
    assertEquals(new Duration(TimeUnit.MINUTES, 10), expiry.getExpiryForAccess());
    assertInstanceOf(Components.UserLoader.class, users.getCacheLoaderFactory().create());
    assertInstanceOf(Components.UserWriter.class, users.getCacheWriterFactory().create());
  }

  @Test
  void listenersKeepTheirFilterAndFlags() {
    TandemConfiguration<?, ?> users = full().caches().get("users");
    var listeners = new java.util.ArrayList<CacheEntryListenerConfiguration<?, ?>>();
    users.getCacheEntryListenerConfigurations().forEach(listeners::add);

    assertEquals(2, listeners.size());
    var filtered = listeners.stream()
        .filter(l -> l.getCacheEntryEventFilterFactory() != null).findFirst().orElseThrow();
    assertInstanceOf(Components.AuditListener.class,
        filtered.getCacheEntryListenerFactory().create());
    assertInstanceOf(Components.CreatedOnly.class,
        filtered.getCacheEntryEventFilterFactory().create());
    assertTrue(filtered.isOldValueRequired());
    assertTrue(filtered.isSynchronous());
    var plain = listeners.stream()
        .filter(l -> l.getCacheEntryEventFilterFactory() == null).findFirst().orElseThrow();
    assertFalse(plain.isOldValueRequired());
    assertFalse(plain.isSynchronous());
  }

  @Test
  void factoriesNamedInPlaceOfComponentsAreAskedForOne() {
    Map<String, TandemConfiguration<?, ?>> caches = full().caches();

    assertInstanceOf(Components.UserLoader.class,
        caches.get("lookups").getCacheLoaderFactory().create());
    var nightly = caches.get("sessions").getExpiryPolicyFactory().create();
    assertInstanceOf(CreatedExpiryPolicy.class, nightly);
    assertEquals(new Duration(TimeUnit.HOURS, 24), nightly.getExpiryForCreation());
  }

  @Test
  void cacheWithoutExpiryNeverExpires() {
    var lookups = full().caches().get("lookups");

    assertInstanceOf(EternalExpiryPolicy.class, lookups.getExpiryPolicyFactory().create());
    assertNull(lookups.getCacheWriterFactory());
  }

  @Test
  void cachesHandsOutFreshCopies() {
    ManagerSettings settings = full();
    settings.caches().get("users").setMaxEntries(1);

    assertEquals(10_000, settings.caches().get("users").getMaxEntries());
    assertNotSame(settings.caches().get("users"), settings.caches().get("users"));
  }

  @Test
  void declaredCachesSurviveSerialization() throws Exception {
    TandemConfiguration<?, ?> users = full().caches().get("users");

    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(users);
    }
    Object copy;
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    TandemConfiguration<?, ?> read = assertInstanceOf(TandemConfiguration.class, copy);
    assertEquals(users, read);
    assertInstanceOf(Components.UserLoader.class, read.getCacheLoaderFactory().create());
  }

  @Test
  void plainConfigurationGetsMaxEntriesFromDefaultsAndKeepsItsOwnStandardSettings() {
    var requested = new MutableConfiguration<String, Long>()
        .setTypes(String.class, Long.class)
        .setStatisticsEnabled(false);

    TandemConfiguration<String, Long> granted = full().withDefaults(requested);

    assertEquals(500, granted.getMaxEntries());
    assertEquals(CacheMode.REPLICATED, granted.getMode());
    assertEquals(ReplicationMode.ASYNC, granted.getReplication());
    assertFalse(granted.isStatisticsEnabled(), "<defaults statistics> is for declared caches");
    assertEquals(Long.class, granted.getValueType());
  }

  @Test
  void tandemConfigurationKeepsItsOwnMaxEntriesEvenWhenUnbounded() {
    var requested = new TandemConfiguration<String, String>();

    TandemConfiguration<String, String> granted = full().withDefaults(requested);

    assertEquals(TandemConfiguration.UNBOUNDED, granted.getMaxEntries());
    assertEquals(CacheMode.LOCAL, granted.getMode(), "its own, though <defaults> says replicated");
    assertEquals(ReplicationMode.SYNC, granted.getReplication());
    assertNotSame(requested, granted);
  }

  @Test
  void valuesAreReadWithWhitespaceCollapsedAsTheSchemaValidatesThem() throws Exception {
    Path file = Files.writeString(dir.resolve("spaced.xml"), """
        <tandem xmlns="urn:io.tandem:config:1.0">
          <serialization max-value-size=" 1MiB "><allow>
            com.example.**
          </allow></serialization>
          <cache name=" spaced  name " key-type=" java.lang.String " max-entries=" 3 "/>
        </tandem>
        """);

    ManagerSettings settings =
        ManagerSettings.load(file.toUri(), getClass().getClassLoader(), null);

    assertEquals(1 << 20, settings.serialization().maxValueBytes());
    assertEquals(List.of("com.example.**"), settings.serialization().allowedClasses());
    TandemConfiguration<?, ?> cache = settings.caches().get("spaced name");
    assertEquals(String.class, cache.getKeyType());
    assertEquals(3, cache.getMaxEntries());
  }

  @Test
  void documentWithOnlyACacheUsesBuiltInDefaults() {
    ManagerSettings settings = ManagerSettings.load(URI.create("classpath:config/minimal.xml"),
        getClass().getClassLoader(), null);
    TandemConfiguration<?, ?> orders = settings.caches().get("orders");

    assertEquals(new MutableConfiguration<>().isStoreByValue(), orders.isStoreByValue());
    assertEquals(TandemConfiguration.UNBOUNDED, orders.getMaxEntries());
    assertFalse(orders.isStatisticsEnabled());
    assertEquals(List.of(), settings.serialization().allowedClasses());
    assertEquals(java.util.Optional.empty(), settings.cluster());
    assertEquals(CacheMode.LOCAL, orders.getMode());
    assertEquals(ReplicationMode.SYNC, orders.getReplication());
    assertEquals(CacheMode.LOCAL, settings.withDefaults(new MutableConfiguration<>()).getMode());
    assertEquals(io.tandem.jcache.serialization.SerializationSettings.DEFAULT_MAX_VALUE_BYTES,
        settings.serialization().maxValueBytes());
  }
}
