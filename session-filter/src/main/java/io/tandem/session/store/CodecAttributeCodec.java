package io.tandem.session.store;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.serialization.Codec;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/**
 * Attributes through the cache's own codec: the same Kryo setup and the same class allowlist as
 * the cache's values, so what a session accepts the cache (and later the wire) accepts too.
 */
public final class CodecAttributeCodec implements AttributeCodec {

  private final Codec codec;

  public CodecAttributeCodec(Codec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * The codec of the Tandem cache manager {@code manager} ({@link TandemCacheManager#codec()}):
   * its class allowlist, size limit and class loader, shared with its caches.
   *
   * @throws IllegalArgumentException if {@code manager} is not Tandem's
   */
  public static CodecAttributeCodec of(CacheManager manager) {
    TandemCacheManager tandem;
    try {
      tandem = manager.unwrap(TandemCacheManager.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The session store needs a Tandem cache manager, not "
          + manager.getClass().getName() + " (" + manager.getURI() + ")", e);
    }
    return new CodecAttributeCodec(tandem.codec());
  }

  @Override
  public byte[] serialize(String name, Object value) {
    try {
      return codec.serialize(value);
    } catch (CacheException e) {
      throw new IllegalArgumentException("Cannot store session attribute '" + name
          + "' of class " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Object deserialize(String name, byte[] bytes) {
    try {
      return codec.deserialize(bytes);
    } catch (CacheException e) {
      throw new IllegalStateException("Cannot read session attribute '" + name + "': "
          + e.getMessage(), e);
    }
  }
}
