package io.tandem.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.serialization.testmodel.Customer;
import io.tandem.jcache.serialization.testmodel.Rating;
import io.tandem.jcache.serialization.testmodel.Shipment;
import io.tandem.jcache.serialization.testmodel.deep.Address;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allowlist guards both directions of {@link KryoCodec}. */
class AllowlistEnforcementTest {

  private static final String MODEL = "io.tandem.jcache.serialization.testmodel";
  private static final String TRIPWIRE_PROPERTY = "tandem.test.tripwire";
  private static final String TRIPWIRE = AllowlistEnforcementTest.class.getName() + "$Tripwire";

  /**
   * Records that it ran by setting a system property (visible across class loaders). Only ever
   * named as a string, and only loaded through throwaway class loaders.
   */
  public static final class Tripwire {
    static {
      System.setProperty(TRIPWIRE_PROPERTY, "initialized");
    }

    public int value = 7;
  }

  @AfterEach
  void clearTripwire() {
    System.clearProperty(TRIPWIRE_PROPERTY);
  }

  private static KryoCodec codec(String... allowed) {
    return new KryoCodec(SerializationSettings.defaults().allow(allowed),
        AllowlistEnforcementTest.class.getClassLoader());
  }

  @Test
  void serializingAClassNotAllowedNamesTheClassAndHowToAllowIt() {
    var thrown = assertThrows(CacheException.class,
        () -> codec().serialize(new Customer("Ada", 1)));

    String message = thrown.getMessage();
    assertTrue(message.contains(Customer.class.getName()), message);
    assertTrue(message.contains("<serialization><allow>"), message);
    assertTrue(message.contains("tandem.serialization.allow"), message);
  }

  @Test
  void aClassNotAllowedInsideACollectionIsRejected() {
    var list = new ArrayList<Object>(List.of(1, "two", new Customer("Ada", 1)));

    var thrown = assertThrows(CacheException.class, () -> codec().serialize(list));

    assertTrue(thrown.getMessage().contains(Customer.class.getName()), thrown.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL + ".Customer", MODEL + ".*", MODEL + ".**", "io.tandem.**"})
  void anAllowedClassRoundTrips(String pattern) {
    var codec = codec(pattern);
    var customer = new Customer("Ada", 3);

    assertEquals(customer, codec.deserialize(codec.serialize(customer)));
  }

  @Test
  void aPackagePatternDoesNotReachSubpackages() {
    var address = new Address("Lyon");

    assertThrows(CacheException.class, () -> codec(MODEL + ".*").serialize(address));
    var tree = codec(MODEL + ".**");
    assertEquals(address, tree.deserialize(tree.serialize(address)));
  }

  @Test
  void aFieldWhoseClassIsNotAllowedIsRejectedEvenWhenNoClassNameIsWritten() {
    // Address is final-typed in Shipment, so Kryo would write it without naming its class.
    var thrown = assertThrows(CacheException.class,
        () -> codec(MODEL + ".Shipment").serialize(new Shipment(new Address("Oslo"))));

    assertTrue(thrown.getMessage().contains(Address.class.getName()), thrown.getMessage());
  }

  @Test
  void anArrayOfAClassNotAllowedIsRejected() {
    assertThrows(CacheException.class,
        () -> codec().serialize(new Customer[] {new Customer("Ada", 1)}));
    var codec = codec(MODEL + ".Customer");
    Object[] copy = (Object[]) codec.deserialize(
        codec.serialize(new Customer[] {new Customer("Ada", 1)}));
    assertEquals(new Customer("Ada", 1), copy[0]);
  }

  @Test
  void anEnumConstantWithABodyNeedsOnlyItsEnumAllowed() {
    var codec = codec(Rating.class.getName());

    assertEquals(Rating.SPECIAL, codec.deserialize(codec.serialize(Rating.SPECIAL)));
    assertEquals(List.of(Rating.GOOD, Rating.SPECIAL),
        codec.deserialize(codec.serialize(List.of(Rating.GOOD, Rating.SPECIAL))));
  }

  @Test
  void bytesNamingAClassThisCodecDoesNotAllowAreRejectedWithTheClassNamed() {
    byte[] bytes = codec(MODEL + ".**").serialize(Map.of("c", new Customer("Ada", 1)));

    var thrown = assertThrows(CacheException.class, () -> codec().deserialize(bytes));

    String message = thrown.getMessage();
    assertTrue(message.contains(Customer.class.getName()), message);
    assertTrue(message.contains("tandem.serialization.allow"), message);
  }

  @Test
  void aRejectedClassIsNeitherLoadedNorInitialized() throws Exception {
    byte[] bytes = tripwireBytes();
    assertNull(System.getProperty(TRIPWIRE_PROPERTY));

    try (var loader = new RecordingClassLoader()) {
      var reader = new KryoCodec(SerializationSettings.defaults(), loader);
      var thrown = assertThrows(CacheException.class, () -> reader.deserialize(bytes));

      assertTrue(thrown.getMessage().contains(TRIPWIRE), thrown.getMessage());
      assertFalse(loader.requested.contains(TRIPWIRE), "the rejected class was loaded");
      assertNull(System.getProperty(TRIPWIRE_PROPERTY), "the rejected class was initialized");
    }

    // Control: the same bytes, allowed, do load and initialize the class, so the checks above
    // would have seen it.
    try (var loader = new RecordingClassLoader()) {
      var reader = new KryoCodec(SerializationSettings.defaults().allow(TRIPWIRE), loader);
      Object value = reader.deserialize(bytes);

      assertEquals(TRIPWIRE, value.getClass().getName());
      assertTrue(loader.requested.contains(TRIPWIRE));
      assertEquals("initialized", System.getProperty(TRIPWIRE_PROPERTY));
    }
  }

  /** A Tripwire serialized from its own class loader, leaving no trace in this one. */
  private static byte[] tripwireBytes() throws Exception {
    try (var loader = new RecordingClassLoader()) {
      Object tripwire = Class.forName(TRIPWIRE, true, loader).getConstructor().newInstance();
      var writer = new KryoCodec(SerializationSettings.defaults().allow(TRIPWIRE), loader);
      byte[] bytes = writer.serialize(tripwire);
      System.clearProperty(TRIPWIRE_PROPERTY);
      return bytes;
    }
  }

  /** Loads the test classes afresh (not from the application class loader) and records names. */
  private static final class RecordingClassLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingClassLoader() {
      super(new URL[] {testClasses()}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }

    private static URL testClasses() {
      return AllowlistEnforcementTest.class.getProtectionDomain().getCodeSource().getLocation();
    }
  }
}
