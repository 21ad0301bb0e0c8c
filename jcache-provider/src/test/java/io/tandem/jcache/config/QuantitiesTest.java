package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void timeoutsArePositiveDurations() {
    assertEquals(java.time.Duration.ofMillis(500), Quantities.parseTimeout("500ms"));
    assertEquals(java.time.Duration.ofSeconds(15), Quantities.parseTimeout(" 15s "));
    assertEquals(java.time.Duration.ofDays(1), Quantities.parseTimeout("1d"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "15", "-1s", "1.5s", "", "99999999999999999d"})
  void timeoutsThatAreNoTimeOrNoDurationAreRefused(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseTimeout(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void portsRangeFromZeroTo65535() {
    assertEquals(0, Quantities.parsePort("0"));
    assertEquals(7800, Quantities.parsePort(" 7800 "));
    assertEquals(65535, Quantities.parsePort("65535"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "65536", "http", "", "99999999999"})
  void portsOutOfRangeAreRefusedWithTheRange(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> Quantities.parsePort(text));
    assertTrue(e.getMessage().contains("0 to 65535"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"node1.example.com[7800]", "10.0.0.5[1]", "::1[65535]", "host[7800]"})
  void membersAreHostAndPortInBrackets(String text) {
    assertEquals(text, Quantities.parseMember(" " + text + " "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"node1", "node1[]", "node1[0]", "node1[65536]", "[7800]",
      "node 1[7800]", "node1[7800],node2[7800]", "node1[7800]x", "node1[99999999999]"})
  void membersInAnyOtherFormAreRefusedWithTheForm(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseMember(text));
    assertTrue(e.getMessage().contains("host[port]"), e.getMessage());
  }

  @Test
  void hostColonPortSuggestsTheBracketForm() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Quantities.parseMember("node2:7800"));
    assertTrue(e.getMessage().contains("write node2[7800] rather than host:port"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "udp", "kubernetes", "loopback", "classpath:jgroups/my.xml",
      "file:/etc/app/jgroups.xml", "file:conf/jgroups.xml"})
  void stacksAreShippedNamesOrLocations(String text) {
    assertEquals(text, Quantities.parseStack(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TCP", "tcp-nio", "jgroups.xml", "classpath:", "file:", "http://x/a.xml",
      ""})
  void otherStacksAreRefusedWithTheChoices(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseStack(text));
    assertTrue(e.getMessage().contains("tcp, udp, kubernetes, loopback"), e.getMessage());
  }

  @Test
  void choicesAreLowerCaseWithHyphens() {
    assertEquals(PartitionHandling.DENY_WRITES,
        Quantities.parseChoice(" deny-writes ", PartitionHandling.class));
    assertEquals(CacheMode.REPLICATED, Quantities.parseChoice("replicated", CacheMode.class));
    assertEquals(ReplicationMode.ASYNC, Quantities.parseChoice("async", ReplicationMode.class));
    assertEquals("allow-read-writes", Quantities.choiceName(PartitionHandling.ALLOW_READ_WRITES));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DENY_WRITES", "Deny-Writes", "deny", ""})
  void otherChoicesAreRefusedWithTheValidOnes(String text) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Quantities.parseChoice(text, PartitionHandling.class));
    assertTrue(e.getMessage().contains("allow-read-writes, deny-writes"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "10.0.0.5 10.0.0.6"})
  void bindAddressesAreOneToken(String text) {
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseBindAddress(text));
  }

  @Test
  void clusterNamesAreNotBlank() {
    assertEquals("orders", Quantities.parseClusterName(" orders "));
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseClusterName(" "));
  }
}
