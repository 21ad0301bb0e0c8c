package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"1, 1", "65536, 65536", "512KiB, 524288", "16MiB, 16777216", "1GiB, 1073741824",
      "2147483647, 2147483647"})
  void sizesAreBytesOrBinaryUnits(String text, int bytes) {
    assertEquals(bytes, Quantities.parseSize(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "2GiB", "16MB", "1.5MiB", "-1", "", "99999999999999999999GiB"})
  void sizesOutsideOneByteTo2GiBOrWithOtherUnitsAreRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseSize(text));
  }

  @Test
  void durationsKeepTheirUnit() {
    assertEquals(new Duration(TimeUnit.MILLISECONDS, 500), Quantities.parseDuration("500ms"));
    assertEquals(new Duration(TimeUnit.SECONDS, 30), Quantities.parseDuration("30s"));
    assertEquals(new Duration(TimeUnit.MINUTES, 10), Quantities.parseDuration("10m"));
    assertEquals(new Duration(TimeUnit.HOURS, 2), Quantities.parseDuration("2h"));
    assertEquals(new Duration(TimeUnit.DAYS, 1), Quantities.parseDuration("1d"));
    assertEquals(0, Quantities.parseDuration("0s").getDurationAmount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10x", "10", "m", "1.5h", "-1s", "10 minutes"})
  void durationsWithoutAKnownUnitAreRefused(String text) {
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseDuration(text));
  }

  @Test
  void entryCountsAreZeroOrPositive() {
    assertEquals(0, Quantities.parseEntryCount("0"));
    assertEquals(10_000, Quantities.parseEntryCount("10000"));
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseEntryCount("-1"));
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseEntryCount("many"));
  }
}
