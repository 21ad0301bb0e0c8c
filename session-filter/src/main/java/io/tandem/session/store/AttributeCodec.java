package io.tandem.session.store;

/**
 * Turns one attribute value into bytes and back. Attributes are serialized one by one, so one
 * that cannot be read does not take the rest of its session with it.
 */
public interface AttributeCodec {

  /**
   * The bytes of {@code value}.
   *
   * @throws IllegalArgumentException naming the attribute, the class that cannot be stored and
   *     the setting that would allow it
   */
  byte[] serialize(String name, Object value);

  /**
   * A fresh copy of the value stored under {@code name}.
   *
   * @throws IllegalStateException naming the attribute when the bytes cannot be read (a class
   *     no longer allowed, or changed incompatibly)
   */
  Object deserialize(String name, byte[] bytes);
}
