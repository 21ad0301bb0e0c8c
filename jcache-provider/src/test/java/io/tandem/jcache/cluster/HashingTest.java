package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashingTest {

  private static int murmur(String s, int seed) {
    return Hashing.murmur3(s.getBytes(StandardCharsets.UTF_8), seed);
  }

  @Test
  void murmur3MatchesThePublishedReferenceValues() {
    assertEquals(0, murmur("", 0));
    assertEquals(0x514e28b7, murmur("", 1));
    assertEquals(0x248bfa47, murmur("hello", 0));
    assertEquals(0x2e4ff723, murmur("The quick brown fox jumps over the lazy dog", 0));
  }

  @Test
  void murmur3CoversEveryTailLengthAndSeed() {
    assertEquals(0x81f16f39, Hashing.murmur3(new byte[0], 0xffffffff));
    assertEquals(0x2362f9de, Hashing.murmur3(new byte[] {0, 0, 0, 0}, 0));
    assertEquals(0xf55b516b, Hashing.murmur3(bytes(0x21, 0x43, 0x65, 0x87), 0));
    assertEquals(0x2362f9de, Hashing.murmur3(bytes(0x21, 0x43, 0x65, 0x87), 0x5082edee));
    assertEquals(0x7e4a8634, Hashing.murmur3(bytes(0x21, 0x43, 0x65), 0));
    assertEquals(0xa0f7b07a, Hashing.murmur3(bytes(0x21, 0x43), 0));
    assertEquals(0x72661cf4, Hashing.murmur3(bytes(0x21), 0));
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
