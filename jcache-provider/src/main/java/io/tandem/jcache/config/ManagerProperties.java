package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param manager the URI of the manager the properties were given to, for messages
 * @param configLocation the value of {@link ManagerSettings#CONFIG_PROPERTY}, if given
 * @param allow classes and patterns to add to the file's serialization allowlist
 * @param maxValueBytes replaces the file's {@code max-value-size}, if given
 * @param defaultMaxEntries replaces {@code max-entries} of the file's {@code <defaults>}, if given
 * @param defaultMode replaces {@code mode} of the file's {@code <defaults>}, if given
 * @param defaultReplication replaces {@code replication} of the file's {@code <defaults>}, if
 *     given
 * @param cluster the {@code tandem.cluster.*} properties
 */
record ManagerProperties(
    URI manager,
    Optional<String> configLocation,
    List<String> allow,
    OptionalInt maxValueBytes,
    OptionalLong defaultMaxEntries,
    Optional<CacheMode> defaultMode,
    Optional<ReplicationMode> defaultReplication,
    Cluster cluster) {

  /** Every property Tandem reads; anything else under {@code tandem.} is refused. */
  static final Set<String> KNOWN = new TreeSet<>(List.of(
      ManagerSettings.CONFIG_PROPERTY,
      SerializationSettings.ALLOW_PROPERTY,
      SerializationSettings.MAX_VALUE_SIZE_PROPERTY,
      ManagerSettings.DEFAULT_MAX_ENTRIES_PROPERTY,
      ManagerSettings.DEFAULT_MODE_PROPERTY,
      ManagerSettings.DEFAULT_REPLICATION_PROPERTY,
      ClusterSettings.NAME_PROPERTY,
      ClusterSettings.STACK_PROPERTY,
      ClusterSettings.BIND_ADDRESS_PROPERTY,
      ClusterSettings.BIND_PORT_PROPERTY,
      ClusterSettings.MEMBERS_PROPERTY,
      ClusterSettings.TIMEOUT_PROPERTY,
      ClusterSettings.PARTITION_HANDLING_PROPERTY,
      ClusterEncryption.KEYSTORE_PROPERTY,
      ClusterEncryption.KEYSTORE_TYPE_PROPERTY,
      ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY,
      ClusterEncryption.KEY_ALIAS_PROPERTY,
      ClusterEncryption.KEY_PASSWORD_PROPERTY));

  /**
   * The {@code tandem.cluster.*} properties; each replaces the same setting of the file's
   * {@code <cluster>}. Only {@code name} may stand alone: it creates cluster settings where the
   * file has none.
   */
  record Cluster(
      Optional<String> name,
      Optional<String> stack,
      Optional<String> bindAddress,
      OptionalInt bindPort,
      Optional<List<String>> members,
      Optional<Duration> timeout,
      Optional<PartitionHandling> partitionHandling,
      Encryption encryption) {

    /** The names of the properties given apart from the name. */
    List<String> givenBesidesName() {
      List<String> given = new ArrayList<>();
      stack.ifPresent(v -> given.add(ClusterSettings.STACK_PROPERTY));
      bindAddress.ifPresent(v -> given.add(ClusterSettings.BIND_ADDRESS_PROPERTY));
      bindPort.ifPresent(v -> given.add(ClusterSettings.BIND_PORT_PROPERTY));
      members.ifPresent(v -> given.add(ClusterSettings.MEMBERS_PROPERTY));
      timeout.ifPresent(v -> given.add(ClusterSettings.TIMEOUT_PROPERTY));
      partitionHandling.ifPresent(v -> given.add(ClusterSettings.PARTITION_HANDLING_PROPERTY));
      given.addAll(encryption.given());
      return given;
    }

    /** {@code settings} with every given property in place of its own value. */
    ClusterSettings applyTo(ClusterSettings settings) {
      ClusterSettings s = settings;
      s = name.map(s::withName).orElse(s);
      s = stack.map(s::withStack).orElse(s);
      s = bindAddress.map(s::withBindAddress).orElse(s);
      s = bindPort.isPresent() ? s.withBindPort(bindPort.getAsInt()) : s;
      s = members.map(s::withInitialMembers).orElse(s);
      s = timeout.map(s::withTimeout).orElse(s);
      s = partitionHandling.map(s::withPartitionHandling).orElse(s);
      return encryption.applyTo(s);
    }
  }

  /**
   * The {@code tandem.cluster.encryption.*} properties; each replaces the same attribute of the
   * file's {@code <encryption>}. Where the file has none, keystore, keystore-password and
   * key-alias together create one.
   */
  record Encryption(
      Optional<String> keystore,
      Optional<String> keystoreType,
      Optional<String> keystorePassword,
      Optional<String> keyAlias,
      Optional<String> keyPassword) {

    List<String> given() {
      List<String> given = new ArrayList<>();
      keystore.ifPresent(v -> given.add(ClusterEncryption.KEYSTORE_PROPERTY));
      keystoreType.ifPresent(v -> given.add(ClusterEncryption.KEYSTORE_TYPE_PROPERTY));
      keystorePassword.ifPresent(v -> given.add(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY));
      keyAlias.ifPresent(v -> given.add(ClusterEncryption.KEY_ALIAS_PROPERTY));
      keyPassword.ifPresent(v -> given.add(ClusterEncryption.KEY_PASSWORD_PROPERTY));
      return given;
    }

    /**
     * {@code settings} with the given properties in place of its encryption's values.
     *
     * @throws IllegalArgumentException when the settings have no encryption and the properties
     *     do not make a complete one
     */
    ClusterSettings applyTo(ClusterSettings settings) {
      if (given().isEmpty()) {
        return settings;
      }
      ClusterEncryption e;
      if (settings.encryption().isPresent()) {
        e = settings.encryption().get();
        e = keystore.map(e::withKeystore).orElse(e);
        e = keystorePassword.map(e::withKeystorePassword).orElse(e);
        e = keyAlias.map(e::withKeyAlias).orElse(e);
      } else {
        List<String> missing = new ArrayList<>();
        if (keystore.isEmpty()) {
          missing.add(ClusterEncryption.KEYSTORE_PROPERTY);
        }
        if (keystorePassword.isEmpty()) {
          missing.add(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY);
        }
        if (keyAlias.isEmpty()) {
          missing.add(ClusterEncryption.KEY_ALIAS_PROPERTY);
        }
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(String.join(", ", given()) + " encrypt the"
              + " cluster, but its configuration has no <encryption> and "
              + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
              + " not given: give " + (missing.size() == 1 ? "it" : "them") + " as well, or"
              + " add <encryption keystore=\"...\" keystore-password=\"...\""
              + " key-alias=\"...\"/> to <cluster>");
        }
        e = ClusterEncryption.of(keystore.get(), keystorePassword.get(), keyAlias.get());
      }
      e = keystoreType.map(e::withKeystoreType).orElse(e);
      e = keyPassword.map(e::withKeyPassword).orElse(e);
      return settings.withEncryption(e);
    }
  }

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
    Optional<CacheMode> mode = optional(uri, properties, ManagerSettings.DEFAULT_MODE_PROPERTY,
        text -> Quantities.parseChoice(text, CacheMode.class));
    Optional<ReplicationMode> replication = optional(uri, properties,
        ManagerSettings.DEFAULT_REPLICATION_PROPERTY,
        text -> Quantities.parseChoice(text, ReplicationMode.class));
    return new ManagerProperties(uri, config, allow, maxValueBytes, maxEntries, mode, replication,
        cluster(uri, properties));
  }

  private static Cluster cluster(URI uri, Properties properties) {
    Optional<Integer> port = optional(uri, properties, ClusterSettings.BIND_PORT_PROPERTY,
        Quantities::parsePort);
    return new Cluster(
        optional(uri, properties, ClusterSettings.NAME_PROPERTY, Quantities::parseClusterName),
        optional(uri, properties, ClusterSettings.STACK_PROPERTY, Quantities::parseStack),
        optional(uri, properties, ClusterSettings.BIND_ADDRESS_PROPERTY,
            Quantities::parseBindAddress),
        port.map(OptionalInt::of).orElse(OptionalInt.empty()),
        optional(uri, properties, ClusterSettings.MEMBERS_PROPERTY, ManagerProperties::members),
        optional(uri, properties, ClusterSettings.TIMEOUT_PROPERTY, Quantities::parseTimeout),
        optional(uri, properties, ClusterSettings.PARTITION_HANDLING_PROPERTY,
            text -> Quantities.parseChoice(text, PartitionHandling.class)),
        new Encryption(
            optional(uri, properties, ClusterEncryption.KEYSTORE_PROPERTY,
                ClusterEncryption::parseKeystore),
            optional(uri, properties, ClusterEncryption.KEYSTORE_TYPE_PROPERTY,
                ManagerProperties::nonBlank),
            Optional.ofNullable(properties.getProperty(
                ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY)),
            optional(uri, properties, ClusterEncryption.KEY_ALIAS_PROPERTY,
                ManagerProperties::nonBlank),
            Optional.ofNullable(properties.getProperty(ClusterEncryption.KEY_PASSWORD_PROPERTY))));
  }

  private static String nonBlank(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("the value is empty");
    }
    return text.strip();
  }

  /** Comma-separated {@code host[port]}; an empty value is an empty list. */
  private static List<String> members(String text) {
    return Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(member -> !member.isEmpty())
        .map(Quantities::parseMember)
        .toList();
  }

  private static <T> Optional<T> optional(URI uri, Properties properties, String name,
      java.util.function.Function<String, T> parser) {
    String value = properties.getProperty(name);
    return value == null ? Optional.empty() : Optional.of(parse(uri, name, value, parser));
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
