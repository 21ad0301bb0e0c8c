package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.CompleteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code exceptionCacheName}, {@code cachedExceptions}, {@code nonCachedExceptions}. */
class ExceptionCachingTest {

  private CdiContainer cdi;
  private Failing failing;

  @BeforeEach
  void start() {
    cdi = CdiContainer.start(Failing.class);
    failing = cdi.bean(Failing.class);
  }

  @AfterEach
  void stop() {
    cdi.close();
  }

  @Test
  void aCachedExceptionIsRethrownWithoutRunningTheMethod() {
    IllegalStateException first = assertThrows(IllegalStateException.class,
        () -> failing.any("a", IllegalStateException::new));
    IllegalStateException second = assertThrows(IllegalStateException.class,
        () -> failing.any("a", () -> new AssertionError("must not run")));
    assertSame(first, second, "the exception cache is by reference: the same instance");
    assertEquals(1, failing.calls.get());
  }

  @Test
  void aCheckedExceptionIsCachedAndRethrownAsIs() {
    IOException first = assertThrows(IOException.class, () -> failing.checked("x"));
    assertSame(first, assertThrows(IOException.class, () -> failing.checked("x")));
    assertEquals(1, failing.calls.get());
  }

  @Test
  void exceptionsAreCachedPerKey() {
    assertThrows(IllegalStateException.class, () -> failing.any("a", IllegalStateException::new));
    assertEquals("fine b", failing.any("b", null));
    assertEquals(2, failing.calls.get());
  }

  @Test
  void missingExceptionCachesAreCreatedStoreByReference() {
    assertThrows(IllegalStateException.class, () -> failing.any("a", IllegalStateException::new));
    @SuppressWarnings("unchecked")
    CompleteConfiguration<Object, Object> configuration = cdi.manager().getCache("failures")
        .getConfiguration(CompleteConfiguration.class);
    assertFalse(configuration.isStoreByValue());
  }

  @Test
  void withCachedExceptionsOnlyThoseAreCached() {
    assertThrows(IllegalArgumentException.class,
        () -> failing.onlyIllegalArgument("a", IllegalArgumentException::new));
    assertThrows(IllegalArgumentException.class, () -> failing.onlyIllegalArgument("a", null));
    assertEquals(1, failing.calls.get());

    assertThrows(IllegalStateException.class,
        () -> failing.onlyIllegalArgument("b", IllegalStateException::new));
    assertEquals("fine b", failing.onlyIllegalArgument("b", null));
    assertEquals(3, failing.calls.get());
  }

  @Test
  void withNonCachedExceptionsAllOthersAreCached() {
    assertThrows(UnsupportedOperationException.class,
        () -> failing.allButUnsupported("a", UnsupportedOperationException::new));
    assertEquals("fine a", failing.allButUnsupported("a", null));

    assertThrows(IllegalStateException.class,
        () -> failing.allButUnsupported("b", IllegalStateException::new));
    assertThrows(IllegalStateException.class, () -> failing.allButUnsupported("b", null));
    assertEquals(3, failing.calls.get());
  }

  @Test
  void withBothListsAnExceptionMustMatchTheFirstAndNotTheSecond() {
    assertThrows(IllegalArgumentException.class,
        () -> failing.runtimeButNotIllegalArgument("a", IllegalArgumentException::new));
    assertEquals("fine a", failing.runtimeButNotIllegalArgument("a", null));

    assertThrows(IllegalStateException.class,
        () -> failing.runtimeButNotIllegalArgument("b", IllegalStateException::new));
    assertThrows(IllegalStateException.class, () -> failing.runtimeButNotIllegalArgument("b", null));

    assertThrows(StackOverflowError.class,
        () -> failing.runtimeButNotIllegalArgument("c", StackOverflowError::new));
    assertEquals("fine c", failing.runtimeButNotIllegalArgument("c", null));
    assertEquals(5, failing.calls.get());
  }

  @Test
  void withoutAnExceptionCacheNothingIsCached() {
    assertThrows(IllegalStateException.class,
        () -> failing.noExceptionCache("a", IllegalStateException::new));
    assertEquals("fine a", failing.noExceptionCache("a", null));
    assertEquals("fine a", failing.noExceptionCache("a", null));
    assertEquals(2, failing.calls.get());
  }

  @Test
  void skipGetAlsoSkipsTheCachedException() {
    assertThrows(IllegalStateException.class,
        () -> failing.skipGet("a", IllegalStateException::new));
    assertEquals("fine a", failing.skipGet("a", null));
    // the result is cached, and the method still runs: skipGet never reads either cache
    assertEquals("fine a", cdi.manager().getCache("skip-results").iterator().next().getValue());
    assertEquals(2, failing.calls.get());
  }

  /**
   * Each method throws what {@code failure} supplies, or returns "fine " + key if it is null; the
   * supplier is not part of the key.
   */
  static class Failing {
    final AtomicInteger calls = new AtomicInteger();

    private String run(String key, Supplier<? extends Throwable> failure) {
      calls.incrementAndGet();
      if (failure != null) {
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
          throw e;
        }
        throw (Error) t;
      }
      return "fine " + key;
    }

    @CacheResult(cacheName = "results", exceptionCacheName = "failures")
    public String any(@CacheKey String key, Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }

    @CacheResult(cacheName = "checked-results", exceptionCacheName = "checked-failures")
    public String checked(String key) throws IOException {
      calls.incrementAndGet();
      throw new IOException("disk gone for " + key);
    }

    @CacheResult(cacheName = "iae-results", exceptionCacheName = "iae-failures",
        cachedExceptions = IllegalArgumentException.class)
    public String onlyIllegalArgument(@CacheKey String key,
        Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }

    @CacheResult(cacheName = "non-results", exceptionCacheName = "non-failures",
        nonCachedExceptions = UnsupportedOperationException.class)
    public String allButUnsupported(@CacheKey String key,
        Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }

    @CacheResult(cacheName = "both-results", exceptionCacheName = "both-failures",
        cachedExceptions = RuntimeException.class,
        nonCachedExceptions = IllegalArgumentException.class)
    public String runtimeButNotIllegalArgument(@CacheKey String key,
        Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }

    @CacheResult(cacheName = "plain-results")
    public String noExceptionCache(@CacheKey String key,
        Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }

    @CacheResult(cacheName = "skip-results", exceptionCacheName = "skip-failures", skipGet = true)
    public String skipGet(@CacheKey String key,
        Supplier<? extends Throwable> failure) {
      return run(key, failure);
    }
  }
}
