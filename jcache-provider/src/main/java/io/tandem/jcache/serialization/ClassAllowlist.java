package io.tandem.jcache.serialization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes the codec may write and read: Tandem's JDK defaults ({@link #DEFAULT_CLASSES})
 * plus configured patterns. Immutable and thread-safe.
 *
 * <p>A pattern is a binary class name ({@code com.example.Order}, {@code com.example.Order$Line}),
 * a package ({@code com.example.model.*}: classes directly in that package, including their nested
 * classes) or a package tree ({@code com.example.**}: that package and every package below it).
 * Primitives are always allowed; an array is allowed when its element type is; an enum constant
 * with a body is allowed when its enum is.
 *
 * <p>Decisions are cached: per {@link Class} in a {@link ClassValue}, per name in a bounded map
 * (names come from untrusted bytes, so that cache must not grow without limit).
 */
public final class ClassAllowlist {

  /**
   * Classes allowed without configuration: immutable JDK values, {@code java.time}, dates, and the
   * common collections, listed by the exact runtime class name Kryo writes (several are JDK
   * internals such as {@code java.util.ImmutableCollections$ListN}). Each one is covered by a
   * round-trip test on JDK 17 without {@code --add-opens}.
   */
  public static final List<String> DEFAULT_CLASSES = List.of(
      // java.lang and java.math values
      "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character",
      "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
      "java.lang.Float", "java.lang.Double", "java.math.BigInteger", "java.math.BigDecimal",
      // java.util and java.net values
      "java.util.UUID", "java.net.URI", "java.util.Locale", "java.util.Date",
      "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
      "java.util.OptionalDouble",
      // java.sql dates
      "java.sql.Date", "java.sql.Time", "java.sql.Timestamp",
      // java.time values; ZoneRegion is the runtime class of ZoneId.of("Europe/Paris")
      "java.time.Instant", "java.time.Duration", "java.time.Period", "java.time.LocalDate",
      "java.time.LocalTime", "java.time.LocalDateTime", "java.time.OffsetTime",
      "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.time.ZoneOffset",
      "java.time.ZoneRegion", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay",
      "java.time.DayOfWeek", "java.time.Month",
      // mutable collections and maps
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque",
      "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
      "java.util.RegularEnumSet", "java.util.JumboEnumSet",
      "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList",
      // Arrays.asList
      "java.util.Arrays$ArrayList",
      // List.of, Set.of, Map.of, List.copyOf, Stream.toList, and sub-lists of those
      "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
      "java.util.ImmutableCollections$SubList",
      "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
      "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
      // Collections.empty*, Collections.singleton*
      "java.util.Collections$EmptyList", "java.util.Collections$EmptySet",
      "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList",
      "java.util.Collections$SingletonSet", "java.util.Collections$SingletonMap",
      // Collections.unmodifiable*, Collections.synchronized* (written as copies, re-wrapped)
      "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
      "java.util.Collections$UnmodifiableRandomAccessList",
      "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedSet",
      "java.util.Collections$UnmodifiableNavigableSet", "java.util.Collections$UnmodifiableMap",
      "java.util.Collections$UnmodifiableSortedMap",
      "java.util.Collections$UnmodifiableNavigableMap",
      "java.util.Collections$SynchronizedCollection", "java.util.Collections$SynchronizedList",
      "java.util.Collections$SynchronizedRandomAccessList",
      "java.util.Collections$SynchronizedSet", "java.util.Collections$SynchronizedMap");

  /** Beyond this many remembered names, decisions on new names are computed but not cached. */
  private static final int MAX_CACHED_NAMES = 4096;

  private final Set<String> exactNames;
  private final Set<String> packages;
  private final List<String> packageTreePrefixes;
  private final List<String> patterns;
  private final ConcurrentHashMap<String, Boolean> nameDecisions = new ConcurrentHashMap<>();
  private final ClassValue<Boolean> classDecisions = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return decide(type);
    }
  };

  private ClassAllowlist(Collection<String> configured) {
    this.patterns = List.copyOf(configured);
    Set<String> exact = new HashSet<>(DEFAULT_CLASSES);
    Set<String> pkgs = new HashSet<>();
    List<String> trees = new ArrayList<>();
    for (String raw : configured) {
      String pattern = validate(raw);
      if (pattern.endsWith(".**")) {
        trees.add(pattern.substring(0, pattern.length() - 2)); // keep the dot: "com.example."
      } else if (pattern.endsWith(".*")) {
        pkgs.add(pattern.substring(0, pattern.length() - 2));
      } else {
        exact.add(pattern);
      }
    }
    this.exactNames = Set.copyOf(exact);
    this.packages = Set.copyOf(pkgs);
    this.packageTreePrefixes = List.copyOf(trees);
  }

  /** The defaults only. */
  public static ClassAllowlist defaults() {
    return new ClassAllowlist(List.of());
  }

  /**
   * The defaults plus {@code patterns}.
   *
   * @throws IllegalArgumentException naming the pattern when one is malformed, such as
   *     {@code *}, {@code com.*.Order} or an empty string
   */
  public static ClassAllowlist of(Collection<String> patterns) {
    return new ClassAllowlist(Objects.requireNonNull(patterns, "patterns"));
  }

  /** The configured patterns, without the defaults. */
  public List<String> patterns() {
    return patterns;
  }

  /** Whether instances of {@code type} may be written and read. */
  public boolean allows(Class<?> type) {
    return classDecisions.get(type);
  }

  /**
   * Whether a class of this binary name (as {@link Class#getName()} spells it, arrays included)
   * may be read. Decides from the name alone: nothing is loaded.
   */
  public boolean allows(String className) {
    Boolean cached = nameDecisions.get(className);
    if (cached != null) {
      return cached;
    }
    boolean allowed = decide(className);
    if (nameDecisions.size() < MAX_CACHED_NAMES) {
      nameDecisions.putIfAbsent(className, allowed);
    }
    return allowed;
  }

  private boolean decide(Class<?> type) {
    if (type.isPrimitive()) {
      return true;
    }
    if (type.isArray()) {
      return allows(type.getComponentType());
    }
    // An enum constant with a body is an anonymous subclass; Kryo writes it as its enum.
    Class<?> superclass = type.getSuperclass();
    if (superclass != null && superclass.isEnum() && !type.isEnum()) {
      return allows(superclass);
    }
    return matches(type.getName());
  }

  private boolean decide(String name) {
    if (name.startsWith("[")) {
      return allowsArrayDescriptor(name);
    }
    return isPrimitiveName(name) || matches(name);
  }

  /** {@code [I}, {@code [[Ljava.lang.String;}: primitives are allowed, objects by element name. */
  private boolean allowsArrayDescriptor(String name) {
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    String element = name.substring(dims);
    if (element.length() == 1) {
      return "ZBCSIJFD".contains(element);
    }
    if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
      String elementName = element.substring(1, element.length() - 1);
      return !elementName.startsWith("[") && matches(elementName);
    }
    return false;
  }

  private boolean matches(String name) {
    if (exactNames.contains(name)) {
      return true;
    }
    int lastDot = name.lastIndexOf('.');
    if (lastDot < 0) {
      return false;
    }
    if (packages.contains(name.substring(0, lastDot))) {
      return true;
    }
    for (String prefix : packageTreePrefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPrimitiveName(String name) {
    return switch (name) {
      case "boolean", "byte", "char", "short", "int", "long", "float", "double" -> true;
      default -> false;
    };
  }

  private static String validate(String raw) {
    String pattern = Objects.requireNonNull(raw, "allowlist pattern").strip();
    String body = pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3)
        : pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2)
        : pattern;
    if (body.isEmpty() || !isQualifiedName(body)) {
      throw new IllegalArgumentException("Invalid serialization allowlist pattern '" + raw
          + "': expected a class name (com.example.Order), a package (com.example.*) or a"
          + " package tree (com.example.**); set in <serialization><allow> or "
          + SerializationSettings.ALLOW_PROPERTY);
    }
    return pattern;
  }

  private static boolean isQualifiedName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (int i = 1; i < part.length(); i++) {
        if (!Character.isJavaIdentifierPart(part.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ClassAllowlist" + patterns + " + JDK defaults";
  }
}
