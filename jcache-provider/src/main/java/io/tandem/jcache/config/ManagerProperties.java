package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.CacheException;

/**
 * The Tandem settings among the properties given to {@code getCacheManager(uri, loader,
 * properties)}: they override the configuration file, so that one file can serve several
 * deployments.
 *
 * <p>Properties outside {@code tandem.*} belong to the application and are ignored. A
 * {@code tandem.*} property Tandem does not know is an error rather than ignored: a misspelled
 * setting that silently does nothing is worse than a failed start.
 *
 * @param configLocation the value of {@link ManagerSettings#CONFIG_PROPERTY}, if given
 * @param allow classes and patterns to add to the file's serialization allowlist
 * @param maxValueBytes replaces the file's {@code max-value-size}, if given
 * @param defaultMaxEntries replaces {@code max-entries} of the file's {@code <defaults>}, if given
 */
record ManagerProperties(
    Optional<String> configLocation,
    List<String> allow,
    OptionalInt maxValueBytes,
    OptionalLong defaultMaxEntries) {

  /** Every property Tandem reads; anything else under {@code tandem.} is refused. */
  static final Set<String> KNOWN = new TreeSet<>(List.of(
      ManagerSettings.CONFIG_PROPERTY,
      SerializationSettings.ALLOW_PROPERTY,
      SerializationSettings.MAX_VALUE_SIZE_PROPERTY,
      ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY));

  private static final String PREFIX = "tandem.";

  ManagerProperties {
    allow = List.copyOf(allow);
  }

  /** Reads and checks the Tandem properties of the manager opened with {@code uri}. */
  static ManagerProperties read(URI uri, Properties properties) {
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX) && !KNOWN.contains(name)) {
        throw new CacheException("Unknown property '" + name + "' given to the cache manager "
            + uri + ". Tandem knows " + String.join(", ", KNOWN)
            + "; check the spelling, or remove it.");
      }
    }
    Optional<String> config = Optional
        .ofNullable(properties.getProperty(ManagerSettings.CONFIG_PROPERTY))
        .map(String::strip)
        .filter(value -> !value.isEmpty());
    List<String> allow = Optional
        .ofNullable(properties.getProperty(SerializationSettings.ALLOW_PROPERTY))
        .map(value -> Arrays.stream(value.split(","))
            .map(String::strip)
            .filter(pattern -> !pattern.isEmpty())
            .toList())
        .orElse(List.of());
    OptionalInt maxValueBytes = OptionalInt.empty();
    String size = properties.getProperty(SerializationSettings.MAX_VALUE_SIZE_PROPERTY);
    if (size != null) {
      maxValueBytes = OptionalInt.of(parse(uri, SerializationSettings.MAX_VALUE_SIZE_PROPERTY, size,
          Quantities::parseSize));
    }
    OptionalLong maxEntries = OptionalLong.empty();
    String entries = properties.getProperty(ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY);
    if (entries != null) {
      maxEntries = OptionalLong.of(parse(uri, ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY, entries,
          Quantities::parseEntryCount));
    }
    return new ManagerProperties(config, allow, maxValueBytes, maxEntries);
  }

  private static <T> T parse(
      URI uri, String name, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CacheException("Invalid property " + name + "=" + value
          + " given to the cache manager " + uri + ": " + e.getMessage(), e);
    }
  }
}
