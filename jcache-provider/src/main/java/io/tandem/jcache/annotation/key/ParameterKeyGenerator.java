package io.tandem.jcache.annotation.key;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The default {@link CacheKeyGenerator}: a {@link ParameterKey} over the values of
 * {@link CacheKeyInvocationContext#getKeyParameters()}, that is the {@code @CacheKey} parameters
 * if there are any, else every parameter but the {@code @CacheValue} one. Stateless and
 * thread-safe.
 */
public final class ParameterKeyGenerator implements CacheKeyGenerator {

  /** Used when an annotation names this class; also the default. */
  public ParameterKeyGenerator() {}

  @Override
  public GeneratedCacheKey generateCacheKey(
      CacheKeyInvocationContext<? extends Annotation> context) {
    CacheInvocationParameter[] keyParameters = context.getKeyParameters();
    Object[] values = new Object[keyParameters.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = keyParameters[i].getValue();
    }
    return new ParameterKey(values);
  }
}
