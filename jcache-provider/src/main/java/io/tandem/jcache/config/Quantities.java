package io.tandem.jcache.config;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.expiry.Duration;

/**
 * Reads the sizes ({@code 16MiB}), durations ({@code 10m}) and entry counts of the configuration
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
}
