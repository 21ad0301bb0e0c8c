package io.tandem.jcache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.expiry.Duration;

/**
 * Reads the sizes ({@code 16MiB}), durations ({@code 10m}), entry counts, ports, member addresses
 * ({@code node1[7800]}), stacks and enumerated choices ({@code deny-writes}) of the configuration
 * file and of manager properties, so that both accept exactly the same text. Each method throws
 * {@link IllegalArgumentException} with a message saying what a valid value looks like; the
 * caller adds where the value came from.
 */
final class Quantities {

  private static final Pattern SIZE = Pattern.compile("([0-9]+)(KiB|MiB|GiB)?");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  static final String SIZE_FORMAT =
      "a whole number of bytes, or one followed by KiB, MiB or GiB, such as 512KiB or 16MiB";
  static final String DURATION_FORMAT =
      "a whole number followed by ms, s, m, h or d, such as 500ms, 30s, 10m, 2h or 1d";
  static final String COUNT_FORMAT = "0 for no bound, or a positive whole number";
  static final String TIMEOUT_FORMAT = "a positive whole number followed by ms, s, m, h or d,"
      + " such as 500ms, 15s or 1m";
  static final String PORT_FORMAT = "a whole number from 0 to 65535 (0 for any free port)";
  static final String MEMBER_FORMAT =
      "host[port], such as node1.example.com[7800] or 10.0.0.5[7800], with a port from 1 to 65535";
  static final String STACK_FORMAT = "tcp, udp, kubernetes, loopback, or the location of a"
      + " JGroups XML file as classpath:NAME or file:PATH";

  /** The stacks Tandem ships, by the name a configuration gives them. */
  static final java.util.List<String> SHIPPED_STACKS =
      java.util.List.of("tcp", "udp", "kubernetes", "loopback");

  private static final Pattern MEMBER = Pattern.compile("([^\\s\\[\\],]+)\\[([0-9]+)\\]");
  private static final Pattern STACK_LOCATION = Pattern.compile("(classpath|file):\\S+");
  private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");

  private Quantities() {}

  /** Bytes from {@code 65536}, {@code 512KiB}, {@code 16MiB} or {@code 1GiB}. */
  static int parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size; use " + SIZE_FORMAT);
    }
    int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
      case "KiB" -> 10;
      case "MiB" -> 20;
      default -> 30;
    };
    long bytes;
    try {
      bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      bytes = Long.MAX_VALUE;
    }
    if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text + "' is out of range; a size must be between"
          + " 1 byte and " + Integer.MAX_VALUE + " bytes (2GiB less one byte)");
    }
    return (int) bytes;
  }

  /** A JCache duration from {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 1d}. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; use " + DURATION_FORMAT);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException(
          "'" + text + "' is too long a duration; use a larger unit");
    }
    // Keep the unit as written: Duration(MINUTES, 10) reads better in a debugger than 600000 ms.
    TimeUnit unit = switch (m.group(2)) {
      case "ms" -> TimeUnit.MILLISECONDS;
      case "s" -> TimeUnit.SECONDS;
      case "m" -> TimeUnit.MINUTES;
      case "h" -> TimeUnit.HOURS;
      default -> TimeUnit.DAYS;
    };
    return new Duration(unit, amount);
  }

  /** A {@code max-entries} value: 0 (no bound) or a positive number. */
  static long parseEntryCount(String text) {
    long count;
    try {
      count = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a number of entries; use " + COUNT_FORMAT);
    }
    if (count < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is negative; use " + COUNT_FORMAT);
    }
    return count;
  }

  /**
   * A timeout: a duration as {@link #parseDuration} reads it, but positive, and as a
   * {@link java.time.Duration}.
   */
  static java.time.Duration parseTimeout(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a timeout; use " + TIMEOUT_FORMAT);
    }
    Duration jcache = parseDuration(text);
    java.time.Duration timeout;
    try {
      timeout = java.time.Duration.of(
          jcache.getDurationAmount(), jcache.getTimeUnit().toChronoUnit());
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException(
          "'" + text + "' is too long a timeout; use " + TIMEOUT_FORMAT);
    }
    if (timeout.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is no time at all; use " + TIMEOUT_FORMAT);
    }
    return timeout;
  }

  /** A port to bind: 0 (any free port) to 65535. */
  static int parsePort(String text) {
    int port;
    try {
      port = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a port; use " + PORT_FORMAT);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "' is out of range; use " + PORT_FORMAT);
    }
    return port;
  }

  /**
   * A member to contact first, {@code host[port]}, as JGroups' TCPPING lists them: the host is a
   * name or an IP address (IPv6 without brackets, such as {@code ::1[7800]}).
   */
  static String parseMember(String text) {
    String member = text.strip();
    Matcher m = MEMBER.matcher(member);
    if (!m.matches()) {
      String hint = member.matches("[^\\s\\[\\]]+:[0-9]+")
          ? " (write " + member.substring(0, member.lastIndexOf(':')) + "["
              + member.substring(member.lastIndexOf(':') + 1) + "] rather than host:port)"
          : "";
      throw new IllegalArgumentException(
          "'" + text + "' is not a member; use " + MEMBER_FORMAT + hint);
    }
    int port;
    try {
      port = Integer.parseInt(m.group(2));
    } catch (NumberFormatException tooLarge) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "' has port " + m.group(2)
          + ", which is out of range; use " + MEMBER_FORMAT);
    }
    return member;
  }

  /** A shipped stack's name, or a {@code classpath:}/{@code file:} location of a JGroups XML. */
  static String parseStack(String text) {
    String stack = text.strip();
    if (SHIPPED_STACKS.contains(stack) || STACK_LOCATION.matcher(stack).matches()) {
      return stack;
    }
    throw new IllegalArgumentException("'" + text + "' is not a stack; use " + STACK_FORMAT);
  }

  /** A cluster name: any text that is not blank. */
  static String parseClusterName(String text) {
    String name = text.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the cluster name is empty; give the name every member"
          + " of the cluster shares, such as orders-cluster");
    }
    return name;
  }

  /** A host name or IP address (or any other token JGroups reads as a bind address). */
  static String parseBindAddress(String text) {
    String address = text.strip();
    if (!NO_WHITESPACE.matcher(address).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an address; use an IP address or"
          + " host name of this machine, such as 127.0.0.1 or 10.0.0.5");
    }
    return address;
  }

  /**
   * The constant of {@code type} that a file or property writes in lower case with hyphens:
   * {@code deny-writes} for {@code DENY_WRITES}.
   */
  static <E extends Enum<E>> E parseChoice(String text, Class<E> type) {
    String value = text.strip();
    for (E constant : type.getEnumConstants()) {
      if (choiceName(constant).equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of "
        + String.join(", ", Arrays.stream(type.getEnumConstants())
            .map(Quantities::choiceName).toList()));
  }

  /** How a file or property writes {@code constant}: {@code DENY_WRITES} as {@code deny-writes}. */
  static String choiceName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
