package io.tandem.jcache.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.cache.CacheException;

/**
 * Reads the {@code <cluster>} of a file and applies the {@code tandem.cluster.*} properties on
 * top of it. A manager has a cluster when its file has a {@code <cluster>} or when
 * {@value ClusterSettings#NAME_PROPERTY} is given; any other cluster property without one of
 * those is an error, as it would do nothing.
 */
final class ClusterReader {

  private static final String CLASSPATH = "classpath:";
  private static final String FILE = "file:";

  private ClusterReader() {}

  /**
   * The manager's cluster, or empty for none.
   *
   * @param problems where problems of the file are recorded (the caller throws them)
   * @throws CacheException when a property is given without a cluster, or names a stack file
   *     that does not exist
   */
  static Optional<ClusterSettings> read(ConfigElement root, ClassLoader loader,
      ManagerProperties properties, ConfigProblems problems) {
    ManagerProperties.Cluster overrides = properties.cluster();
    Optional<ConfigElement> element = root.child("cluster");
    if (element.isEmpty() && overrides.name().isEmpty()) {
      List<String> given = overrides.givenBesidesName();
      if (!given.isEmpty()) {
        throw new CacheException("Propert" + (given.size() == 1 ? "y " : "ies ")
            + String.join(", ", given) + " given to the cache manager " + properties.manager()
            + " configure" + (given.size() == 1 ? "s" : "") + " a cluster, but the manager has"
            + " none: set " + ClusterSettings.NAME_PROPERTY + " as well, or add <cluster name=\""
            + "...\"> to " + describe(problems.source()) + ".");
      }
      return Optional.empty();
    }
    ClusterSettings fromFile = element
        .map(cluster -> fromFile(cluster, loader, problems))
        .orElseGet(() -> ClusterSettings.named(overrides.name().orElseThrow()));
    ClusterSettings settings;
    try {
      settings = overrides.applyTo(fromFile);
    } catch (IllegalArgumentException e) {
      // Each property was checked on its own; this is only a safety net.
      throw new CacheException("Invalid cluster properties given to the cache manager "
          + properties.manager() + ": " + e.getMessage(), e);
    }
    overrides.stack().ifPresent(stack -> stackProblem(stack, loader).ifPresent(problem -> {
      throw new CacheException("Invalid property " + ClusterSettings.STACK_PROPERTY + "=" + stack
          + " given to the cache manager " + properties.manager() + ": " + problem);
    }));
    overrides.encryption().keystore().ifPresent(keystore ->
        keystoreProblem(keystore, loader).ifPresent(problem -> {
          throw new CacheException("Invalid property " + ClusterEncryption.KEYSTORE_PROPERTY + "="
              + keystore + " given to the cache manager " + properties.manager() + ": "
              + problem);
        }));
    return Optional.of(settings);
  }

  /** The settings of {@code <cluster>}; a value with a problem is recorded and left at default. */
  private static ClusterSettings fromFile(
      ConfigElement cluster, ClassLoader loader, ConfigProblems problems) {
    ClusterSettings defaults =
        ClusterSettings.named(cluster.attribute("name").map(String::strip).orElse("?"));
    String stack = value(cluster, "stack", Quantities::parseStack, problems, defaults.stack());
    stackProblem(stack, loader).ifPresent(problem -> problems.add(cluster,
        "<cluster> stack=\"" + stack + "\": " + problem));
    String bindAddress = value(cluster, "bind-address", Quantities::parseBindAddress, problems,
        defaults.bindAddress());
    int bindPort = value(cluster, "bind-port", Quantities::parsePort, problems,
        defaults.bindPort());
    var timeout = value(cluster, "timeout", Quantities::parseTimeout, problems,
        defaults.timeout());
    PartitionHandling partitionHandling = value(cluster, "partition-handling",
        text -> Quantities.parseChoice(text, PartitionHandling.class), problems,
        defaults.partitionHandling());
    List<String> members = new ArrayList<>();
    for (ConfigElement member : cluster.children("member")) {
      try {
        String address = Quantities.parseMember(member.text());
        if (members.contains(address)) {
          problems.add(member, "<member>" + address + "</member> is listed twice; remove one.");
        } else {
          members.add(address);
        }
      } catch (IllegalArgumentException e) {
        problems.add(member, "<member>" + member.text() + "</member>: " + e.getMessage() + ".");
      }
    }
    Optional<ClusterEncryption> encryption = cluster.children("encryption").stream().findFirst()
        .flatMap(e -> encryption(e, loader, problems));
    return new ClusterSettings(defaults.name(), stack, bindAddress, bindPort, members, timeout,
        partitionHandling, encryption);
  }

  /** The settings of {@code <encryption>}, or empty when one of them has a problem. */
  private static Optional<ClusterEncryption> encryption(
      ConfigElement element, ClassLoader loader, ConfigProblems problems) {
    int before = problems.size();
    String keystore = value(element, "keystore", ClusterEncryption::parseKeystore, problems, null);
    if (keystore != null) {
      keystoreProblem(keystore, loader).ifPresent(problem -> problems.add(element,
          "<encryption> keystore=\"" + keystore + "\": " + problem));
    }
    String type = element.attribute("keystore-type").map(String::strip)
        .orElse(ClusterEncryption.DEFAULT_KEYSTORE_TYPE);
    Optional<String> password = element.attribute("keystore-password");
    Optional<String> alias = element.attribute("key-alias").map(String::strip);
    Optional<String> keyPassword = element.attribute("key-password");
    if (keystore == null || password.isEmpty() || alias.isEmpty()) {
      if (problems.size() == before) {
        problems.add(element, "<encryption> needs keystore, keystore-password and key-alias.");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(new ClusterEncryption(keystore, type, password.get(), alias.get(),
          keyPassword));
    } catch (IllegalArgumentException e) {
      problems.add(element, "<encryption>: " + e.getMessage() + ".");
      return Optional.empty();
    }
  }

  /** Why the keystore at {@code location} cannot be read, if it cannot. */
  static Optional<String> keystoreProblem(String location, ClassLoader loader) {
    String create = "create the keystore as \"Encryption and authentication\" in"
        + " docs/operations.md shows.";
    return locationProblem(location, loader, " Fix the location, or " + create,
        ", or " + create);
  }

  /**
   * Why the JGroups file a stack names cannot be read, if it cannot: a shipped stack always can,
   * and a location must name an existing resource of the manager's class loader or an existing
   * file, so a typo fails the manager's start rather than its first cluster connection.
   */
  static Optional<String> stackProblem(String stack, ClassLoader loader) {
    String shipped = "use one of the shipped stacks: "
        + String.join(", ", Quantities.SHIPPED_STACKS) + ".";
    return locationProblem(stack, loader, " Put the JGroups XML on the class path, or " + shipped,
        ", or " + shipped);
  }

  private static Optional<String> locationProblem(String stack, ClassLoader loader,
      String classpathFix, String fileFix) {
    if (stack.startsWith(CLASSPATH)) {
      String name = stack.substring(CLASSPATH.length()).replaceFirst("^/+", "");
      return loader.getResource(name) != null ? Optional.empty() : Optional.of("the manager's"
          + " class loader has no resource '" + name + "'." + classpathFix);
    }
    if (stack.startsWith(FILE)) {
      Path path;
      try {
        String location = stack.substring(FILE.length());
        path = Path.of(location.startsWith("//") ? location.substring(2) : location)
            .toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        return Optional.of("not a valid file name: " + e.getMessage() + ".");
      }
      return Files.isRegularFile(path) ? Optional.empty() : Optional.of("there is no file "
          + path + ". Fix the path (a relative path is resolved against the working directory "
          + Path.of("").toAbsolutePath() + ")" + fileFix);
    }
    return Optional.empty();
  }

  private static <T> T value(ConfigElement element, String attribute,
      java.util.function.Function<String, T> parser, ConfigProblems problems, T absent) {
    return SettingsReader.value(element, attribute, parser, problems, absent);
  }

  private static String describe(String source) {
    return ManagerSettings.BUILT_IN_SOURCE.equals(source) ? "a configuration file" : source;
  }
}
