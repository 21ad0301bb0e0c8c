package io.tandem.samples.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * A CDI bean whose forecasts are cached by Tandem through the JSR-107 annotations. All three
 * methods use the cache {@code forecasts} ({@link CacheDefaults}) and the city as the key, so a
 * correction or a removal changes what {@link #forecast} returns.
 */
@ApplicationScoped
@CacheDefaults(cacheName = "forecasts")
public class WeatherService {

  private final AtomicInteger lookups = new AtomicInteger();

  /** The slow part: runs once per city until the entry is replaced or removed. */
  @CacheResult
  public Forecast forecast(String city) {
    lookups.incrementAndGet();
    int celsius = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), 30);
    return new Forecast(city, celsius, celsius > 20 ? "sunny" : "cloudy");
  }

  /** A meteorologist's correction: stored under the city, the method body only logs. */
  @CachePut
  public void correct(@CacheKey String city, @CacheValue Forecast corrected) {
    System.out.println("corrected " + corrected);
  }

  /** Forget the city's forecast: the next {@link #forecast} computes it again. */
  @CacheRemove
  public void forget(String city) {}

  /** How many times {@link #forecast} actually ran. */
  public int lookups() {
    return lookups.get();
  }
}
