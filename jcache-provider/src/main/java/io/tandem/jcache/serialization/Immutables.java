package io.tandem.jcache.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/** Which values need no copy: instances of final JDK classes whose state cannot change. */
public final class Immutables {

  private static final Set<Class<?>> IMMUTABLE = Set.of(
      String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
      Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
      Class.class, java.net.URI.class, java.util.Locale.class,
      java.time.Instant.class, java.time.Duration.class, java.time.LocalDate.class,
      java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class,
      java.time.OffsetTime.class, java.time.ZonedDateTime.class, java.time.Period.class,
      java.time.Year.class, java.time.YearMonth.class, java.time.MonthDay.class);

  private Immutables() {}

  /** True for null, enums and the final immutable JDK value types. */
  public static boolean isImmutable(Object value) {
    return value == null || IMMUTABLE.contains(value.getClass()) || value instanceof Enum<?>;
  }
}
