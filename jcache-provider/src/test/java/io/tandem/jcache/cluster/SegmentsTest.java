package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SegmentsTest {

  private final Segments segments = Segments.defaults();

  @Test
  void defaultsTo256Segments() {
    assertEquals(256, segments.count());
  }

  @Test
  void sameBytesGiveTheSameSegmentOnEveryCallAndInEveryInstance() {
    byte[] key = "session-42".getBytes(StandardCharsets.UTF_8);
    int first = segments.segmentOf(key);
    for (int i = 0; i < 100; i++) {
      assertEquals(first, segments.segmentOf(key));
      assertEquals(first, new Segments(256).segmentOf(key.clone()));
    }
  }

  @Test
  void segmentsArePinnedAcrossReleases() {
    // Placement is part of the wire contract: members of different builds must agree.
    String[] keys = {"", "a", "hello", "session-42", "The quick brown fox"};
    int[] actual = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      actual[i] = segments.segmentOf(keys[i].getBytes(StandardCharsets.UTF_8));
    }
    assertArrayEquals(new int[] {7, 179, 152, 87, 44}, actual);
  }

  @Test
  void segmentIsAlwaysInRange() {
    for (int count : new int[] {1, 2, 7, 256, 271, Segments.MAX_COUNT}) {
      Segments s = new Segments(count);
      for (int i = 0; i < 10_000; i++) {
        int segment = s.segmentOf(intBytes(i));
        assertTrue(segment >= 0 && segment < count, "segment " + segment + " of " + count);
      }
    }
  }

  @Test
  void spreadsHundredThousandKeysEvenly() {
    int keys = 100_000;
    long[] counts = new long[segments.count()];
    for (int i = 0; i < keys; i++) {
      counts[segments.segmentOf(("key-" + i).getBytes(StandardCharsets.UTF_8))]++;
    }
    double expected = (double) keys / segments.count();
    double chiSquare = 0;
    for (long c : counts) {
      chiSquare += (c - expected) * (c - expected) / expected;
    }
    // 255 degrees of freedom: mean 255, standard deviation ~22.6; 400 is beyond 6 sigma
    assertTrue(chiSquare < 400, "chi-square " + chiSquare);
    for (long c : counts) {
      assertTrue(c > expected * 0.75 && c < expected * 1.25, "segment holds " + c);
    }
  }

  @Test
  void sequentialIntegerKeysSpreadToo() {
    long[] counts = new long[segments.count()];
    for (int i = 0; i < 100_000; i++) {
      counts[segments.segmentOf(intBytes(i))]++;
    }
    double expected = 100_000.0 / segments.count();
    double chiSquare = 0;
    for (long c : counts) {
      chiSquare += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chiSquare < 400, "chi-square " + chiSquare);
  }

  @Test
  void rejectsAnImpossibleCount() {
    assertThrows(IllegalArgumentException.class, () -> new Segments(0));
    assertThrows(IllegalArgumentException.class, () -> new Segments(Segments.MAX_COUNT + 1));
    assertThrows(NullPointerException.class, () -> segments.segmentOf(null));
  }

  private static byte[] intBytes(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }
}
