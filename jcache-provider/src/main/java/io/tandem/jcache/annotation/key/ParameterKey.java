package io.tandem.jcache.annotation.key;

import java.util.Arrays;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * A cache key made of the values of a method's key parameters, in order: two keys are equal when
 * their values are, compared with {@link Arrays#deepEquals(Object[], Object[])} (so array
 * parameters compare by content), and {@link #hashCode()} is {@link Arrays#deepHashCode(Object[])}.
 *
 * <p>The method and the cache name are not part of the key: {@code find(String id)} and
 * {@code find(String tenant, @CacheKey String id)} caching into the same cache share entries for
 * the same {@code id}, as JSR-107 intends.
 *
 * <p>Immutable as far as its parameter values are: the array is copied, the values are not, so a
 * caller that mutates a key parameter after the call changes a key held by a by-reference cache.
 * By-value caches copy the key when storing it. The hash code is not serialized: it is computed
 * again where the key is read, since values such as enums hash differently in each JVM.
 */
public final class ParameterKey implements GeneratedCacheKey {

  private static final long serialVersionUID = 1L;

  private final Object[] parameters;
  private transient int hash;

  /**
   * A key over these parameter values; {@code null} values are allowed.
   *
   * @param parameters the key parameter values, copied
   */
  public ParameterKey(Object... parameters) {
    this.parameters = parameters.clone();
  }

  /** The parameter values, in order; a copy. */
  public Object[] parameters() {
    return parameters.clone();
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // 0 is also a legal result, recomputed each time then; the race is benign (same value).
      h = Arrays.deepHashCode(parameters);
      hash = h;
    }
    return h;
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || (other instanceof ParameterKey that && Arrays.deepEquals(parameters, that.parameters));
  }

  @Override
  public String toString() {
    return "ParameterKey" + Arrays.deepToString(parameters);
  }
}
