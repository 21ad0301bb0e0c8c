package io.tandem.samples.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.TandemCache;
import io.tandem.jcache.annotation.key.ParameterKey;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.cache.Cache;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;

class CdiSampleTest {

  @Test
  void repeatedCallsRunTheMethodOnceAndTandemHoldsTheResult() {
    try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
      WeatherService weather = container.select(WeatherService.class).get();
      Forecast first = weather.forecast("Oslo");
      for (int i = 0; i < 5; i++) {
        assertEquals(first, weather.forecast("Oslo"));
      }
      assertEquals(1, weather.lookups());

      Cache<Object, Object> cache =
          Caching.getCachingProvider().getCacheManager().getCache("forecasts");
      assertNotNull(cache.unwrap(TandemCache.class), "the cache is Tandem's");
      assertEquals(first, cache.get(new ParameterKey("Oslo")));

      weather.correct("Oslo", new Forecast("Oslo", -3, "snow"));
      assertEquals("snow", weather.forecast("Oslo").sky());
      weather.forget("Oslo");
      assertEquals(first, weather.forecast("Oslo"));
      assertEquals(2, weather.lookups());
    }
  }

  @Test
  void theSamplePrintsOneLookupForThreeCalls() {
    var bytes = new ByteArrayOutputStream();
    CdiSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("lookups after 3 calls: 1"), out);
    assertTrue(out.contains("after correction -> Paris: 25 °C, sunny"), out);
    assertTrue(out.contains("lookups: 2"), out);
  }
}
