package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.annotation.key.ParameterKey;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @CachePut}, {@code @CacheRemove}, {@code @CacheRemoveAll}: {@code afterInvocation} and
 * the exception lists ({@code cacheFor}/{@code noCacheFor}, {@code evictFor}/{@code noEvictFor}).
 */
class PutAndRemoveTest {

  private static final ParameterKey KEY_A = new ParameterKey("a");

  private CdiContainer cdi;
  private Writer writer;
  private Cache<Object, Object> cache;

  @BeforeEach
  void start() {
    cdi = CdiContainer.start(Writer.class);
    writer = cdi.bean(Writer.class);
    writer.store("seed", "x", null); // creates the cache "store"
    cache = cdi.manager().getCache("store");
  }

  @AfterEach
  void stop() {
    cdi.close();
  }

  // @CachePut

  @Test
  void putStoresTheCacheValueUnderTheOtherParameters() {
    writer.store("a", "one", null);
    assertEquals("one", cache.get(KEY_A));
  }

  @Test
  void putAfterInvocationDoesNotStoreWhenTheMethodThrows() {
    assertThrows(IllegalStateException.class,
        () -> writer.store("a", "one", IllegalStateException::new));
    assertFalse(cache.containsKey(KEY_A));
  }

  @Test
  void putAfterInvocationStoresForCacheForExceptionsOnly() {
    assertThrows(IllegalArgumentException.class,
        () -> writer.storeOnIllegalArgument("a", "one", IllegalArgumentException::new));
    assertEquals("one", cache.get(KEY_A));
    assertThrows(IllegalStateException.class,
        () -> writer.storeOnIllegalArgument("a", "two", IllegalStateException::new));
    assertEquals("one", cache.get(KEY_A));
  }

  @Test
  void putAfterInvocationStoresForAllButNoCacheForExceptions() {
    assertThrows(IllegalStateException.class,
        () -> writer.storeUnlessIllegalArgument("a", "one", IllegalStateException::new));
    assertEquals("one", cache.get(KEY_A));
    assertThrows(IllegalArgumentException.class,
        () -> writer.storeUnlessIllegalArgument("a", "two", IllegalArgumentException::new));
    assertEquals("one", cache.get(KEY_A));
  }

  @Test
  void putBeforeInvocationStoresEvenWhenTheMethodThrows() {
    assertThrows(IllegalStateException.class,
        () -> writer.storeFirst("a", "one", () -> {
          // the value is already in the cache while the method runs
          assertEquals("one", cache.get(KEY_A));
          return new IllegalStateException();
        }));
    assertEquals("one", cache.get(KEY_A));
  }

  @Test
  void puttingNullRemovesTheKey() {
    writer.store("a", "one", null);
    writer.store("a", null, null);
    assertFalse(cache.containsKey(KEY_A));
  }

  // @CacheRemove

  @Test
  void removeAfterInvocationRemovesOnSuccessOnly() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class, () -> writer.remove("a", IllegalStateException::new));
    assertEquals("one", cache.get(KEY_A));
    writer.remove("a", null);
    assertNull(cache.get(KEY_A));
  }

  @Test
  void removeAfterInvocationRemovesForEvictForExceptionsOnly() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class,
        () -> writer.removeOnIllegalArgument("a", IllegalStateException::new));
    assertTrue(cache.containsKey(KEY_A));
    assertThrows(IllegalArgumentException.class,
        () -> writer.removeOnIllegalArgument("a", IllegalArgumentException::new));
    assertFalse(cache.containsKey(KEY_A));
  }

  @Test
  void removeAfterInvocationRemovesForAllButNoEvictForExceptions() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalArgumentException.class,
        () -> writer.removeUnlessIllegalArgument("a", IllegalArgumentException::new));
    assertTrue(cache.containsKey(KEY_A));
    assertThrows(IllegalStateException.class,
        () -> writer.removeUnlessIllegalArgument("a", IllegalStateException::new));
    assertFalse(cache.containsKey(KEY_A));
  }

  @Test
  void removeBeforeInvocationRemovesEvenWhenTheMethodThrows() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class, () -> writer.removeFirst("a", () -> {
      assertFalse(cache.containsKey(KEY_A), "removed before the method runs");
      return new IllegalStateException();
    }));
    assertFalse(cache.containsKey(KEY_A));
  }

  // @CacheRemoveAll

  @Test
  void removeAllAfterInvocationEmptiesTheCacheOnSuccessOnly() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class, () -> writer.clear(IllegalStateException::new));
    assertTrue(cache.containsKey(KEY_A));
    writer.clear(null);
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void removeAllAfterInvocationEmptiesForEvictForExceptions() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class,
        () -> writer.clearOnIllegalArgument(IllegalStateException::new));
    assertTrue(cache.containsKey(KEY_A));
    assertThrows(IllegalArgumentException.class,
        () -> writer.clearOnIllegalArgument(IllegalArgumentException::new));
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void removeAllBeforeInvocationEmptiesEvenWhenTheMethodThrows() {
    cache.put(KEY_A, "one");
    assertThrows(IllegalStateException.class, () -> writer.clearFirst(() -> {
      assertFalse(cache.iterator().hasNext(), "emptied before the method runs");
      return new IllegalStateException();
    }));
    assertFalse(cache.iterator().hasNext());
  }

  /** Each method throws what {@code failure} supplies, if it is not null. */
  static class Writer {

    private static void run(Supplier<? extends RuntimeException> failure) {
      if (failure != null) {
        throw failure.get();
      }
    }

    @CachePut(cacheName = "store")
    public void store(@CacheKey String key, @CacheValue String value,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CachePut(cacheName = "store", cacheFor = IllegalArgumentException.class)
    public void storeOnIllegalArgument(@CacheKey String key, @CacheValue String value,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CachePut(cacheName = "store", noCacheFor = IllegalArgumentException.class)
    public void storeUnlessIllegalArgument(@CacheKey String key, @CacheValue String value,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CachePut(cacheName = "store", afterInvocation = false)
    public void storeFirst(@CacheKey String key, @CacheValue String value,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemove(cacheName = "store")
    public void remove(@CacheKey String key, Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemove(cacheName = "store", evictFor = IllegalArgumentException.class)
    public void removeOnIllegalArgument(@CacheKey String key,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemove(cacheName = "store", noEvictFor = IllegalArgumentException.class)
    public void removeUnlessIllegalArgument(@CacheKey String key,
        Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemove(cacheName = "store", afterInvocation = false)
    public void removeFirst(@CacheKey String key, Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemoveAll(cacheName = "store")
    public void clear(Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemoveAll(cacheName = "store", evictFor = IllegalArgumentException.class)
    public void clearOnIllegalArgument(Supplier<? extends RuntimeException> failure) {
      run(failure);
    }

    @CacheRemoveAll(cacheName = "store", afterInvocation = false)
    public void clearFirst(Supplier<? extends RuntimeException> failure) {
      run(failure);
    }
  }
}
