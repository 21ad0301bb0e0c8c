package io.tandem.samples.demo;

/** A mutable value: the cache keeps its own copy (store-by-value), so changes here stay here. */
public final class Product {
  private final String sku;
  private String name;
  private long priceCents;

  public Product(String sku, String name, long priceCents) {
    this.sku = sku;
    this.name = name;
    this.priceCents = priceCents;
  }

  public String sku() {
    return sku;
  }

  public String name() {
    return name;
  }

  public void rename(String newName) {
    this.name = newName;
  }

  public long priceCents() {
    return priceCents;
  }

  @Override
  public String toString() {
    return name + " (" + sku + ", " + priceCents / 100 + "." + String.format("%02d", priceCents % 100) + ")";
  }
}
