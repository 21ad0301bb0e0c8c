package io.tandem.jcache.annotation;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import javax.cache.annotation.CacheResult;

/**
 * The interceptor for {@link CacheResult}: caches the method's result, as JSR-107 specifies. Added and enabled by
 * {@link CacheAnnotationsExtension}; not meant to be used directly. Serializable so that beans of
 * passivating scopes may be intercepted.
 */
@CacheResult
@Interceptor
@Priority(CacheAnnotationsExtension.PRIORITY)
public class CacheResultInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  AnnotatedCacheMethods methods;

  /** Called by the CDI container. */
  public CacheResultInterceptor() {}

  @AroundInvoke
  Object intercept(InvocationContext context) throws Exception {
    return methods.intercept(context, CacheResult.class);
  }
}
