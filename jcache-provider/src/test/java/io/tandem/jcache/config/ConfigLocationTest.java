package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a manager's URI and properties lead to its configuration file. */
class ConfigLocationTest {

  private static final ClassLoader TEST_LOADER = ConfigLocationTest.class.getClassLoader();

  @TempDir
  Path dir;

  private static String cacheNamed(String name) {
    return "<tandem xmlns=\"urn:io.tandem:config:1.0\"><cache name=\"" + name + "\"/></tandem>";
  }

  /** A class loader that sees {@code dir} and the JDK only, like an application's own. */
  private static URLClassLoader loaderOver(Path dir) throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  private static List<String> cacheNames(ManagerSettings settings) {
    return List.copyOf(settings.caches().keySet());
  }

  @Test
  void classpathUriReadsTheResourceOfTheGivenClassLoader() throws IOException {
    Files.writeString(dir.resolve("app.xml"), cacheNamed("from-loader"));
    try (URLClassLoader loader = loaderOver(dir)) {
      ManagerSettings settings =
          ManagerSettings.load(URI.create("classpath:app.xml"), loader, null);

      assertEquals("classpath:app.xml", settings.source());
      assertEquals(List.of("from-loader"), cacheNames(settings));
    }
  }

  @Test
  void classpathUriMayStartWithASlash() {
    ManagerSettings settings =
        ManagerSettings.load(URI.create("classpath:/config/minimal.xml"), TEST_LOADER, null);

    assertEquals("classpath:config/minimal.xml", settings.source());
    assertEquals(List.of("orders"), cacheNames(settings));
  }

  @Test
  void fileUriReadsThatFile() throws IOException {
    Path file = Files.writeString(dir.resolve("tandem-prod.xml"), cacheNamed("prod"));

    ManagerSettings settings = ManagerSettings.load(file.toUri(), TEST_LOADER, null);

    assertEquals("file:" + file.toAbsolutePath(), settings.source());
    assertEquals(List.of("prod"), cacheNames(settings));
  }

  @Test
  void relativeFileUriIsResolvedAgainstTheWorkingDirectory() {
    // Surefire runs in the module directory.
    ManagerSettings settings = ManagerSettings.load(
        URI.create("file:src/test/resources/config/minimal.xml"), TEST_LOADER, null);

    assertEquals(List.of("orders"), cacheNames(settings));
    assertTrue(settings.source().startsWith("file:/"), settings.source());
  }

  @Test
  void missingClasspathResourceNamesTheUriAndTheClassLoader() throws IOException {
    try (URLClassLoader loader = loaderOver(dir)) {
      CacheException e = assertThrows(CacheException.class,
          () -> ManagerSettings.load(URI.create("classpath:nowhere.xml"), loader, null));

      assertTrue(e.getMessage().contains("classpath:nowhere.xml"), e.getMessage());
      assertTrue(e.getMessage().contains("the cache manager URI"), e.getMessage());
      assertTrue(e.getMessage().contains(dir.toUri().toURL().toString()), e.getMessage());
    }
  }

  @Test
  void missingFileNamesTheUriAndThePathLookedAt() {
    Path missing = dir.resolve("missing.xml");

    CacheException e = assertThrows(CacheException.class,
        () -> ManagerSettings.load(missing.toUri(), TEST_LOADER, null));

    assertTrue(e.getMessage().contains(missing.toUri().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("looked at " + missing), e.getMessage());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void defaultUriReadsTandemXmlFromTheClassLoader() throws IOException {
    Files.writeString(dir.resolve("tandem.xml"), cacheNamed("found-by-default"));
    try (URLClassLoader loader = loaderOver(dir)) {
      ManagerSettings settings = ManagerSettings.load(ManagerSettings.DEFAULT_URI, loader, null);

      assertEquals("classpath:tandem.xml", settings.source());
      assertEquals(List.of("found-by-default"), cacheNames(settings));
    }
  }

  @Test
  void defaultUriWithoutTandemXmlRunsOnBuiltInDefaults() throws IOException {
    try (URLClassLoader loader = loaderOver(dir)) {
      ManagerSettings settings = ManagerSettings.load(ManagerSettings.DEFAULT_URI, loader, null);

      assertEquals(ManagerSettings.BUILT_IN_SOURCE, settings.source());
      assertEquals(List.of(), cacheNames(settings));
      assertEquals(io.tandem.jcache.serialization.SerializationSettings.defaults(),
          settings.serialization());
    }
  }

  @Test
  void configPropertyWinsOverTandemXmlForTheDefaultUri() throws IOException {
    Files.writeString(dir.resolve("tandem.xml"), cacheNamed("from-tandem-xml"));
    Path named = Files.writeString(dir.resolve("named.xml"), cacheNamed("from-property"));
    try (URLClassLoader loader = loaderOver(dir)) {
      ManagerSettings settings = ManagerSettings.load(ManagerSettings.DEFAULT_URI, loader,
          properties(ManagerSettings.CONFIG_PROPERTY, named.toString()));

      assertEquals(List.of("from-property"), cacheNames(settings));
      assertEquals("file:" + named, settings.source());
    }
  }

  @Test
  void configPropertyMayNameAClasspathResource() {
    ManagerSettings settings = ManagerSettings.load(ManagerSettings.DEFAULT_URI, TEST_LOADER,
        properties(ManagerSettings.CONFIG_PROPERTY, "classpath:config/minimal.xml"));

    assertEquals(List.of("orders"), cacheNames(settings));
  }

  @Test
  void systemPropertyNamesTheFileOfTheDefaultUriOnly() throws IOException {
    Path named = Files.writeString(dir.resolve("system.xml"), cacheNamed("from-system"));
    String before = System.setProperty(ManagerSettings.CONFIG_PROPERTY, named.toString());
    try (URLClassLoader loader = loaderOver(dir)) {
      ManagerSettings byDefault = ManagerSettings.load(ManagerSettings.DEFAULT_URI, loader, null);
      ManagerSettings byName = ManagerSettings.load(URI.create("http://foo"), loader, null);

      assertEquals(List.of("from-system"), cacheNames(byDefault));
      assertEquals(ManagerSettings.BUILT_IN_SOURCE, byName.source());
    } finally {
      if (before == null) {
        System.clearProperty(ManagerSettings.CONFIG_PROPERTY);
      } else {
        System.setProperty(ManagerSettings.CONFIG_PROPERTY, before);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://foo", "dummy", "urn:app:orders", "tandem:other"})
  void otherUrisAreOnlyNamesAndRunOnBuiltInDefaults(String uri) {
    ManagerSettings settings = ManagerSettings.load(URI.create(uri), TEST_LOADER, new Properties());

    assertEquals(ManagerSettings.BUILT_IN_SOURCE, settings.source());
    assertEquals(List.of(), cacheNames(settings));
  }

  @Test
  void namedManagerReadsTheFileItsConfigPropertyNames() {
    ManagerSettings settings = ManagerSettings.load(URI.create("orders"), TEST_LOADER,
        properties(ManagerSettings.CONFIG_PROPERTY, "classpath:config/minimal.xml"));

    assertEquals("classpath:config/minimal.xml", settings.source());
  }

  @Test
  void uriThatNamesAFileRefusesAConfigPropertyNamingAnother() {
    CacheException e = assertThrows(CacheException.class,
        () -> ManagerSettings.load(URI.create("classpath:config/full.xml"), TEST_LOADER,
            properties(ManagerSettings.CONFIG_PROPERTY, "classpath:config/minimal.xml")));

    assertTrue(e.getMessage().contains("classpath:config/full.xml"), e.getMessage());
    assertTrue(e.getMessage().contains("tandem.config=classpath:config/minimal.xml"),
        e.getMessage());
  }

  @Test
  void missingFileNamedByPropertySaysWhichPropertyNamedIt() {
    CacheException e = assertThrows(CacheException.class,
        () -> ManagerSettings.load(ManagerSettings.DEFAULT_URI, TEST_LOADER,
            properties(ManagerSettings.CONFIG_PROPERTY, "conf/absent.xml")));

    assertTrue(e.getMessage().contains("conf/absent.xml"), e.getMessage());
    assertTrue(e.getMessage().contains("manager property tandem.config"), e.getMessage());
    assertTrue(e.getMessage().contains(Path.of("conf/absent.xml").toAbsolutePath().toString()),
        e.getMessage());
  }
}
