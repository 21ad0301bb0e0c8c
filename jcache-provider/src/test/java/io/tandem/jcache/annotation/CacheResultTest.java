package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.annotation.key.ParameterKey;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.configuration.MutableConfiguration;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** {@code @CacheResult} itself, class-level annotations, and deployment errors. */
class CacheResultTest {

  @Test
  void theMethodRunsOnceForRepeatedCalls() {
    try (CdiContainer cdi = CdiContainer.start(Greetings.class)) {
      Greetings greetings = cdi.bean(Greetings.class);
      assertEquals("hello ada", greetings.greet("ada"));
      assertEquals("hello ada", greetings.greet("ada"));
      assertEquals("hello bob", greetings.greet("bob"));
      assertEquals(2, greetings.calls.get());
    }
  }

  @Test
  void aNullResultIsReturnedButNotCached() {
    try (CdiContainer cdi = CdiContainer.start(Greetings.class)) {
      Greetings greetings = cdi.bean(Greetings.class);
      assertNull(greetings.nothing("a"));
      assertNull(greetings.nothing("a"));
      assertEquals(2, greetings.calls.get());
    }
  }

  @Test
  void skipGetAlwaysRunsTheMethodAndCachesItsResult() {
    try (CdiContainer cdi = CdiContainer.start(Greetings.class)) {
      Greetings greetings = cdi.bean(Greetings.class);
      assertEquals("fresh 1", greetings.fresh("a"));
      assertEquals("fresh 2", greetings.fresh("a"));
      assertEquals("fresh 2", greetings.cachedFresh("a"), "reads what skipGet stored");
      assertEquals(2, greetings.calls.get());
    }
  }

  @Test
  void aClassLevelAnnotationCoversEveryMethodAndAMethodLevelOneReplacesIt() {
    try (CdiContainer cdi = CdiContainer.start(CachedClass.class)) {
      CachedClass bean = cdi.bean(CachedClass.class);
      assertEquals("a1", bean.first("a"));
      assertEquals("a1", bean.first("a"));
      assertEquals("b2", bean.second("b"));
      assertEquals("b2", bean.second("b"));
      bean.forget("a"); // @CacheRemove, not @CacheResult: runs every time, removes "a"
      bean.forget("a");
      assertEquals(4, bean.calls.get());
      assertEquals("a5", bean.first("a"));
    }
  }

  @Test
  void withoutACacheManagerBeanTheDefaultManagerIsUsed() {
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    // by reference: Greetings' values are not in the default manager's allowlist
    Cache<Object, Object> cache = manager.createCache("default-manager-greetings",
        new MutableConfiguration<>().setStoreByValue(false));
    WeldContainer weld = CdiContainer.startWithoutManager(Greetings.class);
    try {
      Greetings greetings = weld.select(Greetings.class).get();
      assertEquals("hi a", greetings.onDefaultManager("a"));
      assertEquals("hi a", greetings.onDefaultManager("a"));
      assertEquals(1, greetings.calls.get());
      assertEquals("hi a", cache.get(new ParameterKey("a")));
    } finally {
      weld.shutdown();
      manager.destroyCache("default-manager-greetings");
    }
  }

  @Test
  void twoCacheAnnotationsOnAMethodFailTheDeployment() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> CdiContainer.startWithoutManager(TwoAnnotations.class).shutdown());
    assertTrue(rootMessage(e).contains("@CacheResult and @CacheRemove on method"), rootMessage(e));
  }

  @Test
  void aCachePutWithoutCacheValueFailsTheDeployment() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> CdiContainer.startWithoutManager(PutWithoutValue.class).shutdown());
    assertTrue(rootMessage(e).contains("has no @CacheValue parameter"), rootMessage(e));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (!(t instanceof DefinitionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  static class Greetings {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String greet(String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }

    @CacheResult
    public String nothing(String name) {
      calls.incrementAndGet();
      return null;
    }

    @CacheResult(cacheName = "fresh", skipGet = true)
    public String fresh(String name) {
      return "fresh " + calls.incrementAndGet();
    }

    @CacheResult(cacheName = "fresh")
    public String cachedFresh(String name) {
      return "stale " + calls.incrementAndGet();
    }

    @CacheResult(cacheName = "default-manager-greetings")
    public String onDefaultManager(String name) {
      calls.incrementAndGet();
      return "hi " + name;
    }
  }

  @CacheResult(cacheName = "class-level")
  static class CachedClass {
    final AtomicInteger calls = new AtomicInteger();

    public String first(String id) {
      return id + calls.incrementAndGet();
    }

    public String second(String id) {
      return id + calls.incrementAndGet();
    }

    @CacheRemove(cacheName = "class-level")
    public void forget(String id) {
      calls.incrementAndGet();
    }
  }

  static class TwoAnnotations {
    @CacheResult
    @CacheRemove
    public String both(String id) {
      return id;
    }
  }

  static class PutWithoutValue {
    @CachePut
    public void put(String id, String value) {}

    @CachePut
    public void fine(String id, @CacheValue String value) {}
  }
}
