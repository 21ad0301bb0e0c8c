package io.tandem.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class StoreByValueTest extends CacheTestSupport {

  @Test
  void mutatingKeysAndValuesAfterPutOrGetDoesNotChangeTheCache() {
    var cache = create(new MutableConfiguration<Date, List<String>>());
    Date key = new Date(1000);
    List<String> value = new ArrayList<>(List.of("a"));
    cache.put(key, value);
    value.add("changed after put");
    key.setTime(2000);
    List<String> read = cache.get(new Date(1000));
    assertEquals(List.of("a"), read);
    read.add("changed after get");
    assertEquals(List.of("a"), cache.get(new Date(1000)));
    assertNotSame(cache.get(new Date(1000)), cache.get(new Date(1000)));
  }

  @Test
  void immutableValuesAreNotCopied() {
    var cache = create(new MutableConfiguration<String, String>());
    String value = new String("v");
    cache.put("k", value);
    assertSame(value, cache.get("k"));
  }

  @Test
  void storeByReferenceKeepsTheInstance() {
    var cache = create(new MutableConfiguration<String, List<String>>().setStoreByValue(false));
    List<String> value = new ArrayList<>();
    cache.put("k", value);
    assertSame(value, cache.get("k"));
  }

  @Test
  void aValueOfAClassNotAllowedFailsAtOnceAndChangesNothing() {
    var cache = create(new MutableConfiguration<String, Object>());
    cache.put("k", new ArrayList<>(List.of("before")));
    var e = assertThrows(CacheException.class, () -> cache.put("k", new NotAllowed()));
    assertTrue(e.getMessage().contains(NotAllowed.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("tandem.serialization.allow"), e.getMessage());
    assertEquals(List.of("before"), cache.get("k"));
    assertThrows(CacheException.class, () -> cache.putIfAbsent("other", new NotAllowed()));
    assertFalse(cache.containsKey("other"));
  }

  @Test
  void aValueOfAnAllowedClassRoundTripsWithoutNoArgConstructor() {
    var cache = create(new MutableConfiguration<String, AllowedPoint>());
    cache.put("k", new AllowedPoint(3, 4));
    AllowedPoint p = cache.get("k");
    assertEquals(3, p.x);
    assertEquals(4, p.y);
  }

  @Test
  void storeByReferenceNeverSerializesKeysOrValues() {
    var cache = create(new MutableConfiguration<NotAllowed, NotAllowed>().setStoreByValue(false));
    NotAllowed key = new NotAllowed();
    NotAllowed value = new NotAllowed();
    cache.put(key, value);
    assertSame(value, cache.get(key));
  }

  @Test
  void aKeyOfAClassNotAllowedFailsAndStoresNothing() {
    var cache = create(new MutableConfiguration<Object, String>());
    var e = assertThrows(CacheException.class, () -> cache.put(new NotAllowed(), "v"));
    assertTrue(e.getMessage().contains(NotAllowed.class.getName()), e.getMessage());
    assertEquals(0, cache.size());
  }

  static final class NotAllowed {
    int field = 1;
  }
}
