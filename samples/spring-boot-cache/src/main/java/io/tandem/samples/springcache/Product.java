package io.tandem.samples.springcache;

/**
 * What the cache holds. Tandem stores values by value (Kryo), so this class is allowed in
 * {@code tandem.xml} ({@code <allow>io.tandem.samples.springcache.*</allow>}).
 */
public record Product(String sku, String name, long priceCents) {}
