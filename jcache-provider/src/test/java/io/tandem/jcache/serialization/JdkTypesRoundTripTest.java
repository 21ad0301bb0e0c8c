package io.tandem.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class on the default allowlist round-trips with the default settings on JDK 17. */
class JdkTypesRoundTripTest {

  /** More than 64 constants: EnumSet.allOf picks JumboEnumSet. */
  enum Wide {
    C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15, C16, C17, C18, C19,
    C20, C21, C22, C23, C24, C25, C26, C27, C28, C29, C30, C31, C32, C33, C34, C35, C36, C37,
    C38, C39, C40, C41, C42, C43, C44, C45, C46, C47, C48, C49, C50, C51, C52, C53, C54, C55,
    C56, C57, C58, C59, C60, C61, C62, C63, C64
  }

  private static final KryoCodec CODEC = new KryoCodec(
      SerializationSettings.defaults().allow(Wide.class.getName()),
      JdkTypesRoundTripTest.class.getClassLoader());

  static List<Object> samples() {
    var java = new ArrayList<Object>(List.of(
        "text", true, 'c', (byte) 1, (short) 2, 3, 4L, 5.5f, 6.5d,
        new BigInteger("123456789012345678901234567890"), new BigDecimal("12.3400"),
        UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
        URI.create("https://x.example/a?b"),
        Locale.CANADA_FRENCH, new Date(1_700_000_000_000L),
        Optional.of("x"), Optional.empty(), OptionalInt.of(1), OptionalLong.of(2),
        OptionalDouble.of(3.5),
        new java.sql.Date(1_700_000_000_000L), new java.sql.Time(1_700_000_000_000L),
        timestampWithNanos(),
        Instant.ofEpochSecond(1_700_000_000L, 123), Duration.ofMillis(1500), Period.of(1, 2, 3),
        LocalDate.of(2026, 1, 2), LocalTime.of(3, 4, 5, 6), LocalDateTime.of(2026, 1, 2, 3, 4),
        OffsetTime.of(3, 4, 5, 6, ZoneOffset.ofHours(2)),
        OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(-3)),
        ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneId.of("Europe/Paris")),
        ZoneOffset.ofHours(5), ZoneId.of("America/New_York"), Year.of(2026),
        YearMonth.of(2026, 2), MonthDay.of(2, 29), DayOfWeek.FRIDAY, Month.MAY,
        new ArrayList<>(List.of(1, "two")), new LinkedList<>(List.of(1, 2)),
        new ArrayDeque<>(List.of(1, 2)), new HashSet<>(List.of(1, 2)),
        new LinkedHashSet<>(List.of(3, 1, 2)), new TreeSet<>(List.of(3, 1, 2)),
        new HashMap<>(Map.of("a", 1)), new LinkedHashMap<>(Map.of("a", 1)),
        new TreeMap<>(Map.of("b", 2, "a", 1)), EnumSet.of(DayOfWeek.MONDAY),
        EnumSet.noneOf(Month.class), EnumSet.allOf(Wide.class),
        new ConcurrentHashMap<>(Map.of("a", 1)), new CopyOnWriteArrayList<>(List.of(1, 2)),
        Arrays.asList("a", "b"), List.of(), List.of(1), List.of(1, 2, 3), Set.of(1),
        Set.of(1, 2, 3), Map.of("a", 1), Map.of("a", 1, "b", 2),
        Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
        Collections.singletonList(1), Collections.singleton(1), Collections.singletonMap("a", 1),
        Collections.unmodifiableList(new java.util.LinkedList<>(List.of(1, 2))),
        Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
        Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2))),
        Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(1, 2))),
        Collections.unmodifiableNavigableSet(new TreeSet<>(Set.of(1, 2))),
        Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1))),
        Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("a", 1))),
        Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("a", 1))),
        Collections.synchronizedList(new java.util.LinkedList<>(List.of(1, 2))),
        Collections.synchronizedList(new ArrayList<>(List.of(1, 2))),
        Collections.synchronizedSet(new HashSet<>(Set.of(1, 2))),
        Collections.synchronizedMap(new HashMap<>(Map.of("a", 1))),
        new Object()));
    java.add(new int[] {1, 2});
    java.add(new long[] {1, 2});
    java.add(new byte[] {1, 2});
    java.add(new char[] {'a'});
    java.add(new short[] {1});
    java.add(new float[] {1f});
    java.add(new double[] {1d});
    java.add(new boolean[] {true});
    java.add(new String[] {"a", null});
    java.add(new Object[] {1, "a", List.of(2)});
    java.add(new Integer[][] {{1}, {2, 3}});
    java.add(new Date[] {new Date(0)});
    return java;
  }

  private static java.sql.Timestamp timestampWithNanos() {
    var timestamp = new java.sql.Timestamp(1_700_000_000_000L);
    timestamp.setNanos(123_456_789);
    return timestamp;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void defaultTypeRoundTripsToAnEqualValueOfTheSameClass(Object value) {
    Object copy = CODEC.deserialize(CODEC.serialize(value));

    assertEquals(value.getClass(), copy.getClass());
    if (value.getClass() == Object.class) {
      assertNotSame(value, copy);
    } else {
      assertTrue(Objects.deepEquals(comparable(value), comparable(copy)),
          () -> value + " became " + copy);
    }
  }

  /** ArrayDeque has identity equality: compare its elements. */
  private static Object comparable(Object value) {
    return value instanceof ArrayDeque<?> deque ? List.copyOf(deque) : value;
  }

  @Test
  void immutableListViewsRoundTripToEqualLists() {
    List<Integer> subList = List.of(1, 2, 3, 4).subList(1, 3);
    List<Integer> streamed = Stream.of(1, 2).toList();

    assertEquals(subList, CODEC.deserialize(CODEC.serialize(subList)));
    assertEquals(streamed, CODEC.deserialize(CODEC.serialize(streamed)));
  }

  @Test
  void collectionWrappersWithIdentityEqualsKeepTheirClassAndContents() {
    for (java.util.Collection<Integer> wrapper : List.of(
        Collections.unmodifiableCollection(new ArrayList<>(List.of(1, 2))),
        Collections.synchronizedCollection(new ArrayList<>(List.of(1, 2))))) {
      @SuppressWarnings("unchecked")
      var copy = (java.util.Collection<Integer>) CODEC.deserialize(CODEC.serialize(wrapper));
      assertEquals(wrapper.getClass(), copy.getClass());
      assertEquals(new ArrayList<>(wrapper), new ArrayList<>(copy));
    }
  }

  @Test
  void everyDefaultClassIsCoveredBySample() {
    Set<String> sampled = samples().stream()
        .map(value -> elementName(value.getClass()))
        .collect(Collectors.toSet());
    sampled.add(Stream.of(1, 2).toList().getClass().getName());
    sampled.add(List.of(1, 2, 3).subList(0, 1).getClass().getName());
    // covered by collectionWrappersWithIdentityEqualsKeepTheirClassAndContents (no equals)
    sampled.add("java.util.Collections$UnmodifiableCollection");
    sampled.add("java.util.Collections$SynchronizedCollection");

    var untested = new TreeSet<>(ClassAllowlist.DEFAULT_CLASSES);
    untested.removeAll(sampled);
    assertEquals(Set.of(), untested, "default classes without a round-trip sample");
  }

  private static String elementName(Class<?> array) {
    Class<?> element = array;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return element.getName();
  }

  @Test
  void nestedCollectionsOfDefaultTypesRoundTrip() {
    Map<String, Object> value = new HashMap<>();
    value.put("list", new ArrayList<>(List.of(LocalDate.of(2026, 1, 1), UUID.randomUUID())));
    value.put("map", new TreeMap<>(Map.of("k", Optional.of(new BigDecimal("1.5")))));
    value.put("set", Set.of(Instant.EPOCH));
    value.put("null", null);

    assertEquals(value, CODEC.deserialize(CODEC.serialize(value)));
  }
}
