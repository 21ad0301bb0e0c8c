package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.cache.CacheException;

/**
 * Reads a schema-valid document into {@link ManagerSettings}, applying the manager properties on
 * top. Checks what the schema cannot: that classes exist and have the right type, that cache
 * names are unique, that values are in range, that replicated caches have a cluster.
 *
 * <p>A manager without a file goes through here too, with an empty {@code <tandem/>}: one path
 * for both, so built-in defaults and file defaults cannot diverge.
 */
final class SettingsReader {

  private SettingsReader() {}

  /**
   * The settings in {@code root}, with {@code properties} applied.
   *
   * @throws javax.cache.CacheException listing every problem, each with its line and column
   */
  static ManagerSettings read(
      ConfigElement root, String source, ClassLoader loader, ManagerProperties properties) {
    ConfigProblems problems = new ConfigProblems(source);
    SerializationSettings serialization = serialization(root, properties, problems);
    Optional<ClusterSettings> cluster = ClusterReader.read(root, loader, properties, problems);
    CacheDefaults defaults = defaults(root, properties, problems);
    if (cluster.isEmpty() && defaults.mode() == CacheMode.REPLICATED) {
      if (properties.defaultMode().isPresent()) {
        throw new CacheException("Property " + ManagerSettings.DEFAULT_MODE_PROPERTY
            + "=replicated given to the cache manager " + properties.manager() + " needs a"
            + " cluster, and the manager has none: set " + ClusterSettings.NAME_PROPERTY
            + " as well, add <cluster name=\"...\"> to " + describeFile(source)
            + ", or remove the property.");
      }
      problems.add(root.child("defaults").orElseThrow(), "<defaults> has mode=\"replicated\""
          + " but the file has no <cluster>; add <cluster name=\"...\"> before <defaults> (or"
          + " give the manager property " + ClusterSettings.NAME_PROPERTY + "), or use"
          + " mode=\"local\".");
    }

    CacheReader reader = new CacheReader(defaults, new DeclaredClasses(loader, problems), problems);
    Map<String, TandemConfiguration<?, ?>> caches = new LinkedHashMap<>();
    Map<String, ConfigElement> declaredAt = new HashMap<>();
    for (ConfigElement cache : root.children("cache")) {
      String name = cache.attributes().get("name").strip();
      ConfigElement first = declaredAt.putIfAbsent(name, cache);
      if (first != null) {
        problems.add(cache, "cache '" + name + "' is declared twice, first at line "
            + first.line() + "; rename one or remove it.");
        continue;
      }
      if (cluster.isEmpty() && "replicated".equals(cache.attributes().get("mode"))) {
        problems.add(cache, cache.tag() + " has mode=\"replicated\" but the file has no"
            + " <cluster>; add <cluster name=\"...\"> before <defaults> (or give the manager"
            + " property " + ClusterSettings.NAME_PROPERTY + "), or use mode=\"local\".");
      }
      reader.read(cache).ifPresent(configuration -> caches.put(name, configuration));
    }
    problems.throwIfAny();
    return new ManagerSettings(source, serialization, defaults, caches, cluster);
  }

  private static SerializationSettings serialization(
      ConfigElement root, ManagerProperties properties, ConfigProblems problems) {
    List<String> allow = new ArrayList<>();
    int maxValueBytes = SerializationSettings.DEFAULT_MAX_VALUE_BYTES;
    var element = root.child("serialization");
    if (element.isPresent()) {
      element.get().children("allow").forEach(pattern -> allow.add(pattern.text()));
      maxValueBytes = value(element.get(), "max-value-size", Quantities::parseSize, problems,
          maxValueBytes);
    }
    // The properties add to the file's allowlist rather than replace it: a deployment adds the
    // classes of a plugin without restating those of the application.
    allow.addAll(properties.allow());
    return new SerializationSettings(allow, properties.maxValueBytes().orElse(maxValueBytes));
  }

  private static CacheDefaults defaults(
      ConfigElement root, ManagerProperties properties, ConfigProblems problems) {
    CacheDefaults builtIn = CacheDefaults.BUILT_IN;
    CacheDefaults defaults = root.child("defaults")
        .map(element -> new CacheDefaults(
            value(element, "max-entries", Quantities::parseEntryCount, problems,
                builtIn.maxEntries()),
            value(element, "statistics", Boolean::parseBoolean, problems, builtIn.statistics()),
            value(element, "management", Boolean::parseBoolean, problems, builtIn.management()),
            value(element, "store-by-value", Boolean::parseBoolean, problems,
                builtIn.storeByValue()),
            value(element, "mode", text -> Quantities.parseChoice(text, CacheMode.class),
                problems, builtIn.mode()),
            value(element, "replication",
                text -> Quantities.parseChoice(text, ReplicationMode.class), problems,
                builtIn.replication())))
        .orElse(builtIn);
    if (properties.defaultMaxEntries().isPresent()) {
      defaults = defaults.withMaxEntries(properties.defaultMaxEntries().getAsLong());
    }
    defaults = properties.defaultMode().map(defaults::withMode).orElse(defaults);
    return properties.defaultReplication().map(defaults::withReplication).orElse(defaults);
  }

  private static String describeFile(String source) {
    return ManagerSettings.BUILT_IN_SOURCE.equals(source) ? "a configuration file" : source;
  }

  /**
   * The value of {@code attribute}, or {@code absent} when the attribute is not there (or is
   * wrong, after recording a problem that says why).
   */
  static <T> T value(ConfigElement element, String attribute, Function<String, T> parser,
      ConfigProblems problems, T absent) {
    String text = element.attributes().get(attribute);
    if (text == null) {
      return absent;
    }
    try {
      return parser.apply(text.strip());
    } catch (IllegalArgumentException e) {
      problems.add(element, element.tag() + " " + attribute + "=\"" + text + "\": "
          + e.getMessage() + ".");
      return absent;
    }
  }
}
