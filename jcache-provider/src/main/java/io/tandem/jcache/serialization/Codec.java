package io.tandem.jcache.serialization;

/**
 * Turns keys and values into bytes and back: the one codec behind store-by-value copies and,
 * later, the wire. Implementations are thread-safe.
 *
 * <p>Both directions enforce the class allowlist: {@link #serialize} refuses an object graph that
 * holds a class that is not allowed, and {@link #deserialize} rejects bytes naming such a class
 * before instantiating anything.
 */
public interface Codec {

  /**
   * Serializes {@code value}.
   *
   * @throws javax.cache.CacheException naming the class and the setting that would allow it when
   *     the graph holds a class that is not allowed, or naming the limit when the result is larger
   *     than the configured maximum
   */
  byte[] serialize(Object value);

  /**
   * Reads a fresh object graph from {@code bytes}.
   *
   * @throws javax.cache.CacheException when the bytes name a class that is not allowed, are
   *     malformed, or are larger than the configured maximum
   */
  Object deserialize(byte[] bytes);

  /**
   * A copy of {@code value} that shares no mutable state with it; immutable JDK values (strings,
   * boxed primitives, {@code java.time} values, ...) are returned as they are.
   */
  default <T> T copy(T value) {
    if (Immutables.isImmutable(value)) {
      return value;
    }
    @SuppressWarnings("unchecked")
    T copy = (T) deserialize(serialize(value));
    return copy;
  }
}
