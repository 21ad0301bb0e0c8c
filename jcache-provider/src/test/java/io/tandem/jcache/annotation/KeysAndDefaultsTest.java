package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.annotation.key.ParameterKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cache names, {@code @CacheDefaults}, {@code @CacheKey}, key generators, resolver factories. */
class KeysAndDefaultsTest {

  private CdiContainer cdi;

  @AfterEach
  void stop() {
    if (cdi != null) {
      cdi.close();
    }
    RecordingFactory.DETAILS.clear();
  }

  @Test
  void theDefaultCacheNameIsTheMethodSignature() {
    cdi = CdiContainer.start(Unnamed.class);
    cdi.bean(Unnamed.class).find("a", 1);
    String name = Unnamed.class.getName() + ".find(java.lang.String,int)";
    assertEquals("io.tandem.jcache.annotation.KeysAndDefaultsTest$Unnamed.find(java.lang.String,int)",
        name);
    assertNotNull(cdi.manager().getCache(name).get(new ParameterKey("a", 1)));
  }

  @Test
  void cacheDefaultsNamesTheCacheUnlessTheMethodDoes() {
    cdi = CdiContainer.start(WithDefaults.class);
    WithDefaults bean = cdi.bean(WithDefaults.class);
    bean.byDefault("a");
    bean.named("b");
    assertNotNull(cdi.manager().getCache("class-cache").get(new ParameterKey("a")));
    assertNotNull(cdi.manager().getCache("method-cache").get(new ParameterKey("b")));
  }

  @Test
  void cacheKeyParametersAloneMakeTheKeySoMethodsShareEntries() {
    cdi = CdiContainer.start(Shared.class);
    Shared bean = cdi.bean(Shared.class);
    assertEquals("v1", bean.find("id"));
    assertEquals("v1", bean.find("tenant", "id"));
    assertEquals(1, bean.calls.get());
  }

  @Test
  void aKeyGeneratorNamedOnTheMethodIsUsed() {
    cdi = CdiContainer.start(CaseInsensitive.class);
    CaseInsensitive bean = cdi.bean(CaseInsensitive.class);
    assertEquals("ADA", bean.upper("Ada"));
    assertEquals("ADA", bean.upper("ADA"));
    assertEquals(1, bean.calls.get());
  }

  @Test
  void aKeyGeneratorAndFactoryFromCacheDefaultsAreUsed() {
    cdi = CdiContainer.start(DefaultsEverywhere.class);
    DefaultsEverywhere bean = cdi.bean(DefaultsEverywhere.class);
    assertEquals("ADA", bean.upper("Ada"));
    assertEquals("ADA", bean.upper("aDA"));
    assertEquals(1, bean.calls.get());
    assertEquals(List.of("defaults-cache"), RecordingFactory.names());
    assertNotNull(cdi.manager().getCache("defaults-cache").get(new ParameterKey("ada")));
  }

  @Test
  void theResolverFactoryIsAskedOncePerMethod() {
    cdi = CdiContainer.start(DefaultsEverywhere.class);
    DefaultsEverywhere bean = cdi.bean(DefaultsEverywhere.class);
    for (int i = 0; i < 5; i++) {
      bean.upper("x" + i);
    }
    assertEquals(1, RecordingFactory.DETAILS.size());
  }

  @Test
  void cdiBeansReplaceTheDefaultFactoryAndKeyGenerator() {
    cdi = CdiContainer.start(Unnamed.class, RecordingFactory.class, LowerCaseKeys.class);
    Unnamed bean = cdi.bean(Unnamed.class);
    bean.find("A", 1);
    bean.find("a", 2); // LowerCaseKeys keys on the first parameter only
    assertEquals(1, bean.calls.get());
    assertEquals(1, RecordingFactory.DETAILS.size());
  }

  @Test
  void parameterKeysCompareArraysByContentAndSerialize() throws Exception {
    ParameterKey key = new ParameterKey("a", new int[] {1, 2}, null);
    ParameterKey same = new ParameterKey("a", new int[] {1, 2}, null);
    assertEquals(key, same);
    assertEquals(key.hashCode(), same.hashCode());
    assertNotEquals(key, new ParameterKey("a", new int[] {1, 3}, null));
    assertNotEquals(new ParameterKey("a", "b"), new ParameterKey("b", "a"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(key);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Object read = in.readObject();
      assertEquals(key, read);
      assertEquals(key.hashCode(), read.hashCode());
    }
  }

  @Test
  void byValueCachesHoldACopyOfTheParameterKey() {
    cdi = CdiContainer.start(Unnamed.class);
    cdi.bean(Unnamed.class).find("a", 1);
    var entry = cdi.manager().getCache(Unnamed.class.getName() + ".find(java.lang.String,int)")
        .iterator().next();
    assertEquals(new ParameterKey("a", 1), entry.getKey());
    assertNull(cdi.manager().getCache("no-such-cache"));
  }

  static class Unnamed {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String find(String id, int version) {
      calls.incrementAndGet();
      return id + version;
    }
  }

  @CacheDefaults(cacheName = "class-cache")
  static class WithDefaults {
    @CacheResult
    public String byDefault(String id) {
      return id;
    }

    @CacheResult(cacheName = "method-cache")
    public String named(String id) {
      return id;
    }
  }

  static class Shared {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "shared")
    public String find(String id) {
      return "v" + calls.incrementAndGet();
    }

    @CacheResult(cacheName = "shared")
    public String find(String tenant, @CacheKey String id) {
      return "v" + calls.incrementAndGet();
    }
  }

  static class CaseInsensitive {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "upper", cacheKeyGenerator = LowerCaseKeys.class)
    public String upper(String text) {
      calls.incrementAndGet();
      return text.toUpperCase(Locale.ROOT);
    }
  }

  @CacheDefaults(cacheName = "defaults-cache", cacheKeyGenerator = LowerCaseKeys.class,
      cacheResolverFactory = RecordingFactory.class)
  static class DefaultsEverywhere {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String upper(String text) {
      calls.incrementAndGet();
      return text.toUpperCase(Locale.ROOT);
    }
  }

  /** Keys on the first parameter, lower-cased. */
  public static class LowerCaseKeys implements CacheKeyGenerator {
    @Override
    public GeneratedCacheKey generateCacheKey(
        CacheKeyInvocationContext<? extends Annotation> context) {
      return new ParameterKey(
          String.valueOf(context.getKeyParameters()[0].getValue()).toLowerCase(Locale.ROOT));
    }
  }

  /** The default factory over the CDI manager, recording what it was asked for. */
  public static class RecordingFactory extends DefaultCacheResolverFactory {
    static final List<CacheMethodDetails<?>> DETAILS = new CopyOnWriteArrayList<>();

    @jakarta.inject.Inject
    public RecordingFactory(javax.cache.CacheManager manager) {
      super(manager);
    }

    /** Used when it is not a CDI bean: then over the manager of the running test container. */
    public RecordingFactory() {
      super(CdiContainer.currentManager());
    }

    static List<String> names() {
      return DETAILS.stream().map(CacheMethodDetails::getCacheName).toList();
    }

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      DETAILS.add(details);
      assertTrue(details.getAnnotations().contains(details.getCacheAnnotation()));
      return super.getCacheResolver(details);
    }
  }
}
