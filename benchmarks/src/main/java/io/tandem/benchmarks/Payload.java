package io.tandem.benchmarks;

import java.io.Serializable;
import java.util.Objects;

/**
 * The benchmark's cache value: a small mutable object, as an application would cache. A String or
 * a boxed number would not do: providers return immutable JDK values as they are, so only a mutable
 * value makes store-by-value pay for its copies.
 *
 * <p>{@code Serializable} because Caffeine's and Ehcache's store-by-value copy through Java
 * serialization; Tandem copies with Kryo and needs this class on its allowlist
 * ({@code tandem.serialization.allow}). The public no-argument constructor suits every copier.
 */
public final class Payload implements Serializable {

  private static final long serialVersionUID = 1L;

  private long id;
  private int version;
  private double score;
  private String label;

  /** An empty payload; copiers fill it field by field. */
  public Payload() {}

  /** A payload with all four fields set. */
  public Payload(long id, int version, double score, String label) {
    this.id = id;
    this.version = version;
    this.score = score;
    this.label = label;
  }

  /** The payload for the benchmark's key {@code key}: every field depends on the key. */
  public static Payload forKey(int key) {
    return new Payload(key * 1_000_003L, key & 0xFF, key / 7.0, "item-" + key);
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public int getVersion() {
    return version;
  }

  public void setVersion(int version) {
    this.version = version;
  }

  public double getScore() {
    return score;
  }

  public void setScore(double score) {
    this.score = score;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p && p.id == id && p.version == version
        && Double.compare(p.score, score) == 0 && Objects.equals(p.label, label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, score, label);
  }

  @Override
  public String toString() {
    return "Payload[id=" + id + ", version=" + version + ", score=" + score + ", label=" + label + "]";
  }
}
