package io.tandem.jcache.serialization.testmodel.deep;

import java.util.Objects;

/** An application class one package below {@code testmodel}, for package-tree patterns. */
public class Address {
  private final String city;

  public Address(String city) {
    this.city = city;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Objects.equals(city, a.city);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(city);
  }
}
