package io.tandem.samples.cdi;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.PrintStream;

/**
 * Starts a CDI SE container (Weld) the standard way, with discovery: this jar's
 * {@code beans.xml} makes {@link WeatherService} a bean, and {@code tandem-jcache}'s extension is
 * found through {@code META-INF/services}. Run with {@code mvn -q exec:java} in this folder.
 */
public final class CdiSample {

  private CdiSample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Calls the service and prints what ran, to {@code out}. */
  public static void run(PrintStream out) {
    try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
      WeatherService weather = container.select(WeatherService.class).get();
      for (int i = 0; i < 3; i++) {
        out.println("forecast Paris -> " + weather.forecast("Paris"));
      }
      out.println("lookups after 3 calls: " + weather.lookups());
      weather.correct("Paris", new Forecast("Paris", 25, "sunny"));
      out.println("after correction -> " + weather.forecast("Paris"));
      weather.forget("Paris");
      out.println("after forget -> " + weather.forecast("Paris"));
      out.println("lookups: " + weather.lookups());
    }
  }
}
