package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

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
}
