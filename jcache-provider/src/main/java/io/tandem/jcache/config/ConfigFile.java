package io.tandem.jcache.config;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.cache.CacheException;

/**
 * A manager's configuration file: where it is, and how error messages name it.
 *
 * @param source the file as messages name it: {@code classpath:tandem.xml},
 *     {@code file:/etc/app/tandem.xml}
 * @param url where to read it
 */
record ConfigFile(String source, URL url) {

  private static final String CLASSPATH = "classpath:";
  private static final String FILE = "file:";
  private static final String JAR = "jar:";

  /** The file the default URI picks up from the class path when no property names one. */
  static final String DEFAULT_RESOURCE = "tandem.xml";

  /**
   * The file of the manager opened with {@code uri}, or empty when it runs on built-in defaults.
   *
   * @param configProperty the manager property {@code tandem.config}, if given
   * @param systemConfigProperty the system property {@code tandem.config}, or null; it is global,
   *     so it applies to the default URI only, never to managers other code opens by name
   * @throws CacheException when a file is named but not found, naming where Tandem looked
   */
  static Optional<ConfigFile> locate(
      URI uri, ClassLoader loader, Optional<String> configProperty, String systemConfigProperty) {
    String scheme = uri.getScheme();
    if ("classpath".equals(scheme) || "file".equals(scheme) || "jar".equals(scheme)) {
      if (configProperty.isPresent()) {
        throw new CacheException("The cache manager URI " + uri + " names a configuration file and"
            + " so does property " + ManagerSettings.CONFIG_PROPERTY + "=" + configProperty.get()
            + "; give only one of them.");
      }
      return Optional.of(at(uri.toString(), loader, "the cache manager URI"));
    }
    boolean isDefault = ManagerSettings.DEFAULT_URI.equals(uri);
    if (configProperty.isPresent()) {
      return Optional.of(at(configProperty.get(), loader, "manager property "
          + ManagerSettings.CONFIG_PROPERTY));
    }
    if (isDefault && systemConfigProperty != null && !systemConfigProperty.isBlank()) {
      return Optional.of(at(systemConfigProperty.strip(), loader, "system property "
          + ManagerSettings.CONFIG_PROPERTY));
    }
    if (isDefault) {
      URL url = loader.getResource(DEFAULT_RESOURCE);
      if (url != null) {
        return Optional.of(new ConfigFile(CLASSPATH + DEFAULT_RESOURCE, url));
      }
    }
    return Optional.empty();
  }

  /**
   * The file at {@code location}: {@code classpath:NAME}, {@code file:PATH} or, in a property
   * only, a plain path.
   */
  private static ConfigFile at(String location, ClassLoader loader, String namedBy) {
    if (location.startsWith(JAR)) {
      // What a class path resource inside a jar resolves to (Spring Boot hands these over for
      // spring.cache.jcache.config=classpath:...): read it through its URL.
      try {
        URL url = URI.create(location).toURL();
        try (var in = url.openStream()) {
          return new ConfigFile(location, url);
        }
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new CacheException("Tandem configuration " + location + " (named by " + namedBy
            + ") cannot be read: " + e.getMessage() + ". Name it with classpath:NAME or file:PATH.",
            e);
      }
    }
    if (location.startsWith(CLASSPATH)) {
      // ClassLoader.getResource takes no leading slash, unlike Class.getResource.
      String name = location.substring(CLASSPATH.length()).replaceFirst("^/+", "");
      URL url = loader.getResource(name);
      if (url == null) {
        throw new CacheException("Tandem configuration " + location + " (named by " + namedBy
            + ") not found: the class loader " + describe(loader) + " has no resource '" + name
            + "'. Put the file on the class path, or name it with file:PATH.");
      }
      return new ConfigFile(CLASSPATH + name, url);
    }
    Path path = toPath(location, namedBy).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      String what = Files.isDirectory(path) ? "it is a directory" : "there is no such file";
      throw new CacheException("Tandem configuration " + location + " (named by " + namedBy
          + ") not found: looked at " + path + " and " + what + ". Fix the path (a relative path"
          + " is resolved against the working directory " + Path.of("").toAbsolutePath() + "),"
          + " or name a class path resource with classpath:NAME.");
    }
    try {
      return new ConfigFile(FILE + path, path.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new CacheException("Tandem configuration " + location + " has no URL: " + e, e);
    }
  }

  private static Path toPath(String location, String namedBy) {
    try {
      if (!location.startsWith(FILE)) {
        return Path.of(location);
      }
      URI uri = new URI(location);
      // "file:conf/tandem.xml" is an opaque URI that Path.of(URI) refuses; read it as relative.
      return uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
    } catch (java.net.URISyntaxException | IllegalArgumentException e) { // InvalidPathException too
      throw new CacheException("Tandem configuration " + location + " (named by " + namedBy
          + ") is not a valid file name: " + e.getMessage()
          + ". Use file:/absolute/path.xml, file:relative/path.xml or classpath:NAME.", e);
    }
  }

  private static String describe(ClassLoader loader) {
    String name = loader.getName() != null ? loader.getName() : loader.getClass().getName();
    if (loader instanceof URLClassLoader urls) {
      return name + " " + Arrays.toString(urls.getURLs());
    }
    return name;
  }
}
