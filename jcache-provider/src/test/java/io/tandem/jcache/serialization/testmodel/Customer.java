package io.tandem.jcache.serialization.testmodel;

import java.util.Objects;

/** A plain mutable application class, as users cache them. */
public class Customer {
  private String name;
  private int visits;

  public Customer() {}

  public Customer(String name, int visits) {
    this.name = name;
    this.visits = visits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Customer c && Objects.equals(name, c.name) && visits == c.visits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, visits);
  }

  @Override
  public String toString() {
    return "Customer[" + name + ", " + visits + "]";
  }
}
