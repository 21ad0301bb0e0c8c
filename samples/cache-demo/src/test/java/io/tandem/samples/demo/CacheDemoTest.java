package io.tandem.samples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheDemoTest {

  @Test
  void demoShowsCopiesEventsExpiryAndStatistics() throws Exception {
    var bytes = new ByteArrayOutputStream();
    CacheDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("get MUG-1 -> Coffee mug (MUG-1, 12.50)"), out);
    assertTrue(out.contains("[listener] CREATED MUG-1"), out);
    assertTrue(out.contains("[listener] UPDATED MUG-1: Coffee mug (MUG-1, 12.50) -> Coffee mug, large"), out);
    assertTrue(out.contains("putIfAbsent TEA-1 again -> false"), out);
    assertTrue(out.contains("10% off TEA-1 -> 540 cents"), out);
    assertTrue(out.contains("get MUG-1 after 2.1 s -> null"), out);
    assertTrue(out.contains("get GIFT-1 after 2.1 s -> Gift card"), out);
    assertTrue(out.contains("[listener] EXPIRED TEA-1"), out);
    assertTrue(out.contains("puts=5"), out);
  }
}
