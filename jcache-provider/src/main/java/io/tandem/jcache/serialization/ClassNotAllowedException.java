package io.tandem.jcache.serialization;

/**
 * Thrown from inside Kryo when a class is not allowed. Kryo may wrap it with a serialization
 * trace; {@link KryoCodec} finds it in the cause chain and turns it into a
 * {@link javax.cache.CacheException} whose message fits the direction (write or read).
 */
final class ClassNotAllowedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String className;

  ClassNotAllowedException(String className) {
    super("Class not in the serialization allowlist: " + className, null, false, false);
    this.className = className;
  }

  String className() {
    return className;
  }
}
