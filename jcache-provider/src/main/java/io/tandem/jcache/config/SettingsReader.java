package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a schema-valid document into {@link ManagerSettings}, applying the manager properties on
 * top. Checks what the schema cannot: that classes exist and have the right type, that cache
 * names are unique, that values are in range.
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
    CacheDefaults defaults = defaults(root, properties, problems);

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
      reader.read(cache).ifPresent(configuration -> caches.put(name, configuration));
    }
    problems.throwIfAny();
    return new ManagerSettings(source, serialization, defaults, caches);
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
                builtIn.storeByValue())))
        .orElse(builtIn);
    return properties.defaultMaxEntries().isPresent()
        ? defaults.withMaxEntries(properties.defaultMaxEntries().getAsLong())
        : defaults;
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
