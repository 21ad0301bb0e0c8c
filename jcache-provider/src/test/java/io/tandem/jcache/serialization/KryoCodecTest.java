package io.tandem.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.serialization.testmodel.Customer;
import io.tandem.jcache.serialization.testmodel.Node;
import io.tandem.jcache.serialization.testmodel.Point;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link KryoCodec} beyond the allowlist: graphs, limits, failures, threads. */
class KryoCodecTest {

  private static final String MODEL = "io.tandem.jcache.serialization.testmodel.*";
  private static final ClassLoader LOADER = KryoCodecTest.class.getClassLoader();

  private static KryoCodec codec() {
    return new KryoCodec(SerializationSettings.defaults().allow(MODEL), LOADER);
  }

  private static KryoCodec codecWithLimit(int maxValueBytes) {
    return new KryoCodec(new SerializationSettings(List.of(MODEL), maxValueBytes), LOADER);
  }

  /** A record: neither no-arg constructor nor setters. */
  record Reading(String sensor, double value, Instant at) {}

  @Test
  void aClassWithoutANoArgConstructorRoundTripsWithoutRunningItsConstructor() {
    var codec = codec();

    var copy = (Point) codec.deserialize(codec.serialize(new Point(3, 4)));

    assertEquals(3, copy.x());
    assertEquals(4, copy.y());
  }

  @Test
  void aRecordRoundTrips() {
    var codec = new KryoCodec(
        SerializationSettings.defaults().allow(Reading.class.getName()), LOADER);
    var reading = new Reading("t1", 21.5, Instant.ofEpochSecond(1));

    assertEquals(reading, codec.deserialize(codec.serialize(reading)));
  }

  @Test
  void aCyclicGraphRoundTripsWithItsCycleIntact() {
    var first = new Node("first");
    var second = new Node("second");
    first.next = second;
    second.previous = first;
    second.next = first;

    var copy = (Node) codec().deserialize(codec().serialize(first));

    assertEquals("first", copy.label);
    assertEquals("second", copy.next.label);
    assertSame(copy, copy.next.previous);
    assertSame(copy, copy.next.next);
  }

  @Test
  void anObjectSharedWithinAGraphStaysShared() {
    var shared = new Customer("Ada", 1);
    var copy = (List<?>) codec().deserialize(codec().serialize(List.of(shared, shared)));

    assertSame(copy.get(0), copy.get(1));
  }

  /** Array fields of a final element type are written without a class, null as length 0. */
  static final class Tagged {
    String[] tags;
    Integer[] counts;
    List<String> names;
  }

  @Test
  void nullAndEmptyArrayAndCollectionFieldsRoundTrip() {
    var codec = new KryoCodec(
        SerializationSettings.defaults().allow(Tagged.class.getName()), LOADER);
    var empty = new Tagged();
    var full = new Tagged();
    full.tags = new String[0];
    full.counts = new Integer[] {1, null};
    full.names = new ArrayList<>();

    var emptyCopy = (Tagged) codec.deserialize(codec.serialize(empty));
    var fullCopy = (Tagged) codec.deserialize(codec.serialize(full));

    assertEquals(null, emptyCopy.tags);
    assertEquals(null, emptyCopy.counts);
    assertEquals(null, emptyCopy.names);
    assertArrayEquals(new String[0], fullCopy.tags);
    assertArrayEquals(new Integer[] {1, null}, fullCopy.counts);
    assertEquals(List.of(), fullCopy.names);
  }

  @Test
  void nullRoundTrips() {
    var codec = codec();

    assertEquals(null, codec.deserialize(codec.serialize(null)));
  }

  @Test
  void aValueExactlyAtTheLimitIsAcceptedAndOneByteMoreIsRejected() {
    int size = codec().serialize(new byte[1000]).length;

    assertEquals(size, codecWithLimit(size).serialize(new byte[1000]).length);
    var thrown = assertThrows(CacheException.class,
        () -> codecWithLimit(size - 1).serialize(new byte[1000]));

    String message = thrown.getMessage();
    assertTrue(message.contains(String.valueOf(size - 1)), message);
    assertTrue(message.contains("tandem.serialization.max-value-size"), message);
    assertTrue(message.contains("[B"), message);
  }

  @Test
  void aValueOverTheLimitFailsWithoutGrowingTheBufferPastIt() {
    // 64 MiB of data against a 1 KiB limit: fails at the limit rather than buffering it all.
    var codec = codecWithLimit(1024);
    List<byte[]> big = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      big.add(new byte[1 << 20]);
    }

    var thrown = assertThrows(CacheException.class, () -> codec.serialize(big));

    assertTrue(thrown.getMessage().contains("1024 bytes"), thrown.getMessage());
  }

  @Test
  void bytesOverTheLimitAreRejectedBeforeReading() {
    byte[] bytes = codec().serialize(new byte[2000]);

    var thrown = assertThrows(CacheException.class,
        () -> codecWithLimit(1000).deserialize(bytes));

    String message = thrown.getMessage();
    assertTrue(message.contains(bytes.length + " bytes"), message);
    assertTrue(message.contains("1000"), message);
    assertTrue(message.contains("tandem.serialization.max-value-size"), message);
  }

  @Test
  void malformedBytesFailWithACacheException() {
    var codec = codec();
    byte[] valid = codec.serialize(Map.of("key", new Customer("Ada", 1)));

    assertThrows(CacheException.class, () -> codec.deserialize(new byte[0]));
    assertThrows(CacheException.class,
        () -> codec.deserialize(Arrays.copyOf(valid, valid.length - 3)));
    assertThrows(CacheException.class,
        () -> codec.deserialize(Arrays.copyOf(valid, valid.length + 1)));
    assertThrows(CacheException.class,
        () -> codec.deserialize(new byte[] {1, 0, 3, 'n', 'o', '.', 's', 'u', 'c', (byte) 0xE8}));
  }

  @Test
  void anImpossibleDeclaredArrayLengthFailsWithoutAllocatingIt() {
    // new byte[3]: ... length varint (3 + 1), then the three elements. Claim Integer.MAX_VALUE.
    byte[] valid = codec().serialize(new byte[3]);
    assertEquals(4, valid[valid.length - 4]);
    byte[] forged = withTrailingVarInt(Arrays.copyOf(valid, valid.length - 4), Integer.MAX_VALUE);

    assertThrows(CacheException.class, () -> codec().deserialize(forged));
  }

  @Test
  void anImpossibleDeclaredCollectionSizeFailsWithACacheException() {
    // An empty ArrayList ends with its size varint (size + 1).
    byte[] valid = codec().serialize(new ArrayList<>());
    assertEquals(1, valid[valid.length - 1]);
    byte[] forged = withTrailingVarInt(Arrays.copyOf(valid, valid.length - 1), Integer.MAX_VALUE);

    assertThrows(CacheException.class, () -> codec().deserialize(forged));
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButACacheException() {
    var codec = codec();
    var random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[1 + random.nextInt(64)];
      random.nextBytes(bytes);
      try {
        codec.deserialize(bytes);
      } catch (CacheException expected) {
        // the only acceptable failure
      }
    }
    var customer = new Customer("Ada", 1);
    assertEquals(customer, codec.deserialize(codec.serialize(customer)));
  }

  @Test
  void failedCallsDoNotPoisonLaterOnes() {
    var codec = codecWithLimit(4096);
    var notAllowed = new HashMap<String, Object>(Map.of("a", List.of(1, 2), "b", new Object[] {
        new Date(0), new KryoCodecTest()}));
    byte[] good = codec.serialize(List.of(new Customer("Ada", 1), Map.of("k", List.of(2))));

    for (int i = 0; i < 20; i++) {
      assertThrows(CacheException.class, () -> codec.serialize(notAllowed));
      assertThrows(CacheException.class, () -> codec.serialize(new byte[5000]));
      assertThrows(CacheException.class, () -> codec.deserialize(Arrays.copyOf(good, 9)));
      assertThrows(CacheException.class, () -> codec.deserialize(
          codec().serialize(List.of(new KryoCodecTest.Reading("x", 1, Instant.EPOCH)))));

      Object copy = codec.deserialize(codec.serialize(
          List.of(new Customer("Ada", 1), Map.of("k", List.of(2)))));
      assertEquals(List.of(new Customer("Ada", 1), Map.of("k", List.of(2))), copy);
      assertArrayEquals(good, codec.serialize(copy));
    }
  }

  @Test
  void eightThreadsAtOnceEachGetCorrectCopies() throws Exception {
    var codec = codec();
    int threads = 8;
    var start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 2_000; i++) {
            var value = new HashMap<String, Object>();
            value.put("customer", new Customer("c" + thread, i));
            value.put("numbers", List.of(thread, i, thread * i));
            value.put("when", new Date(i));
            assertEquals(value, codec.deserialize(codec.serialize(value)));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> result : results) {
        assertDoesNotThrow(() -> result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void copyReturnsImmutablesThemselves() {
    var codec = codec();
    String text = new String("text");
    Instant now = Instant.now();

    assertSame(text, codec.copy(text));
    assertSame(now, codec.copy(now));
    assertSame(null, codec.copy(null));
  }

  @Test
  void copyOfAMutableValueIsEqualButDistinct() {
    var codec = codec();
    var date = new Date(1_700_000_000_000L);

    Date copy = codec.copy(date);

    assertEquals(date, copy);
    assertNotSame(date, copy);
    copy.setTime(0);
    assertEquals(1_700_000_000_000L, date.getTime());
  }

  private static byte[] withTrailingVarInt(byte[] prefix, int value) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
    return out.toByteArray();
  }

  @Test
  void threadsTakingTurnsShareOneKryoInstance() throws Exception {
    // A cluster member's codec serves far more threads than it has slots; each thread must find
    // the instance the previous one gave back instead of building its own.
    KryoCodec codec = codec();
    for (int i = 0; i < 64; i++) {
      Thread t = new Thread(() -> codec.deserialize(codec.serialize(new Point(1, 2))));
      t.start();
      t.join();
    }
    assertEquals(1, codec.instancesBuilt());
  }
}
