package io.tandem.samples.cdi;

/** A weather forecast: what the slow service computes and the cache keeps. */
public record Forecast(String city, int celsius, String sky) {

  @Override
  public String toString() {
    return city + ": " + celsius + " °C, " + sky;
  }
}
