package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * Everything a CacheManager is configured with: its serialization settings, the defaults for its
 * caches and the caches its file declares. Immutable; {@link #caches()} and
 * {@link #withDefaults} hand out fresh copies.
 *
 * <p>{@link #load} finds the manager's file from the URI it is opened with:
 *
 * <table>
 *   <caption>How a manager URI names its configuration</caption>
 *   <tr><th>URI</th><th>configuration</th></tr>
 *   <tr><td>{@code classpath:NAME}</td><td>resource {@code NAME} of the manager's class
 *       loader</td></tr>
 *   <tr><td>{@code file:PATH}</td><td>that file</td></tr>
 *   <tr><td>{@link #DEFAULT_URI}</td><td>the file named by {@value #CONFIG_PROPERTY} (manager
 *       property, else system property), else {@code tandem.xml} on the class path, else the
 *       built-in defaults</td></tr>
 *   <tr><td>anything else ({@code http://foo}, {@code orders})</td><td>only a name: the file
 *       named by manager property {@value #CONFIG_PROPERTY}, else the built-in
 *       defaults</td></tr>
 * </table>
 *
 * <p>Manager properties then override the file: {@value SerializationSettings#ALLOW_PROPERTY},
 * {@value SerializationSettings#MAX_VALUE_SIZE_PROPERTY}, {@value #DEFAULT_MAX_ENTRIES_PROPERTY},
 * {@value #DEFAULT_MODE_PROPERTY}, {@value #DEFAULT_REPLICATION_PROPERTY} and the
 * {@code tandem.cluster.*} properties named in {@link ClusterSettings}. See
 * {@code docs/configuration.md} for the file format.
 */
public final class ManagerSettings {

  /** The provider's default URI, {@code tandem:default}. */
  public static final URI DEFAULT_URI = URI.create("tandem:default");

  /**
   * Names the configuration file: a manager property (for any URI that is not itself a
   * {@code classpath:} or {@code file:} URI) or a system property (for {@link #DEFAULT_URI}
   * only, as it applies JVM-wide). The value is {@code classpath:NAME}, {@code file:PATH} or a
   * plain file path.
   */
  public static final String CONFIG_PROPERTY = "tandem.config";

  /** Manager property replacing {@code max-entries} of {@code <defaults>}: 0 or a count. */
  public static final String DEFAULT_MAX_ENTRIES_PROPERTY = "tandem.defaults.max-entries";

  /** Manager property replacing {@code mode} of {@code <defaults>}: local or replicated. */
  public static final String DEFAULT_MODE_PROPERTY = "tandem.defaults.mode";

  /** Manager property replacing {@code replication} of {@code <defaults>}: sync or async. */
  public static final String DEFAULT_REPLICATION_PROPERTY = "tandem.defaults.replication";

  /** {@link #source()} of a manager without a configuration file. */
  public static final String BUILT_IN_SOURCE = "defaults";

  private final String source;
  private final SerializationSettings serialization;
  private final CacheDefaults defaults;
  private final Map<String, TandemConfiguration<?, ?>> caches;
  private final Optional<ClusterSettings> cluster;

  ManagerSettings(String source, SerializationSettings serialization, CacheDefaults defaults,
      Map<String, TandemConfiguration<?, ?>> caches, Optional<ClusterSettings> cluster) {
    this.source = source;
    this.serialization = serialization;
    this.defaults = defaults;
    this.caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * The settings of the manager opened with {@code uri}.
   *
   * @param uri the manager's URI, as given to {@code CachingProvider.getCacheManager}
   * @param classLoader resolves {@code classpath:} files and the classes a file names; null for
   *     the thread's context class loader
   * @param properties the manager's properties; null for none. Keys outside {@code tandem.*} are
   *     the application's and are ignored
   * @throws CacheException when a named file is missing (naming where Tandem looked), when the
   *     file is invalid (naming the file, line, column and what is wrong), or when a
   *     {@code tandem.*} property is unknown or has a bad value
   */
  public static ManagerSettings load(URI uri, ClassLoader classLoader, Properties properties) {
    Objects.requireNonNull(uri, "uri");
    ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
    ManagerProperties overrides =
        ManagerProperties.read(uri, properties != null ? properties : new Properties());
    Optional<ConfigFile> file = ConfigFile.locate(
        uri, loader, overrides.configLocation(), System.getProperty(CONFIG_PROPERTY));
    ConfigElement root = file.map(ConfigDocument::parse)
        .orElseGet(() -> ConfigElement.empty("tandem"));
    String source = file.map(ConfigFile::source).orElse(BUILT_IN_SOURCE);
    return SettingsReader.read(root, source, loader, overrides);
  }

  /**
   * The cluster this manager joins: the file's {@code <cluster>} with the
   * {@code tandem.cluster.*} properties applied, or from {@value ClusterSettings#NAME_PROPERTY}
   * alone; empty for a manager of LOCAL caches only.
   */
  public Optional<ClusterSettings> cluster() {
    return cluster;
  }

  /** These settings, joining {@code cluster} in place of whatever the file and properties say. */
  public ManagerSettings withCluster(ClusterSettings cluster) {
    return new ManagerSettings(source, serialization, defaults, caches,
        Optional.of(Objects.requireNonNull(cluster, "cluster")));
  }

  /** What the codec may deserialize and how large a value may be; never null. */
  public SerializationSettings serialization() {
    return serialization;
  }

  /**
   * The configuration a cache created with {@code requested} gets: a copy of it, so the caller's
   * object stays its own. A {@link TandemConfiguration} keeps its own Tandem settings; any other
   * configuration gets them from {@code <defaults>} ({@code max-entries}, {@code mode},
   * {@code replication}). Standard JCache
   * settings always come from {@code requested}: it cannot say which of them were chosen and
   * which were left at their defaults, so none are overridden.
   */
  public <K, V> TandemConfiguration<K, V> withDefaults(CompleteConfiguration<K, V> requested) {
    Objects.requireNonNull(requested, "requested");
    TandemConfiguration<K, V> copy = new TandemConfiguration<>(requested);
    if (!(requested instanceof TandemConfiguration)) {
      defaults.applyTandemSettingsTo(copy);
    }
    return copy;
  }

  /**
   * The caches the file declares, by name in document order; empty without a file. Each call
   * returns fresh copies, which the caller may change.
   */
  public Map<String, TandemConfiguration<?, ?>> caches() {
    Map<String, TandemConfiguration<?, ?>> copies = new LinkedHashMap<>();
    caches.forEach((name, configuration) -> copies.put(name, copy(configuration)));
    return Collections.unmodifiableMap(copies);
  }

  /**
   * Where the settings came from, for messages: {@code classpath:tandem.xml},
   * {@code file:/etc/app/tandem.xml}, or {@value #BUILT_IN_SOURCE} without a file.
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "ManagerSettings[source=" + source + ", serialization=" + serialization
        + ", defaults=" + defaults + ", cluster=" + cluster.map(ClusterSettings::toString)
            .orElse("none") + ", caches=" + caches.keySet() + "]";
  }

  private static <K, V> TandemConfiguration<K, V> copy(TandemConfiguration<K, V> configuration) {
    return new TandemConfiguration<>(configuration);
  }

  private static ClassLoader defaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ManagerSettings.class.getClassLoader();
  }
}
