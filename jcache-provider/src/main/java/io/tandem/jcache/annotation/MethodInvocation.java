package io.tandem.jcache.annotation;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/**
 * One intercepted call as the JSR-107 SPIs see it: the method's details plus the target and the
 * arguments. {@link #unwrap(Class)} also gives the CDI {@link InvocationContext}.
 */
final class MethodInvocation<A extends Annotation> implements CacheKeyInvocationContext<A> {

  private final CacheMethod<A> method;
  private final InvocationContext context;
  private final InvocationParameter[] parameters;

  MethodInvocation(CacheMethod<A> method, InvocationContext context) {
    this.method = method;
    this.context = context;
    Object[] arguments = context.getParameters();
    Class<?>[] types = method.details().method().getParameterTypes();
    this.parameters = new InvocationParameter[types.length];
    for (int i = 0; i < types.length; i++) {
      parameters[i] = new InvocationParameter(types[i], arguments[i],
          method.parameterAnnotations().get(i), i);
    }
  }

  @Override
  public Object getTarget() {
    return context.getTarget();
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    return parameters.clone();
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    int[] positions = method.keyParameters();
    CacheInvocationParameter[] keys = new CacheInvocationParameter[positions.length];
    for (int i = 0; i < positions.length; i++) {
      keys[i] = parameters[positions[i]];
    }
    return keys;
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    int position = method.valueParameter();
    return position < 0 ? null : parameters[position];
  }

  /** The argument at {@code position}. */
  Object argument(int position) {
    return parameters[position].value();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(context)) {
      return type.cast(context);
    }
    throw new IllegalArgumentException("Cannot unwrap a cache invocation context to " + type.getName()
        + "; supported: " + CacheKeyInvocationContext.class.getName() + ", "
        + InvocationContext.class.getName());
  }

  @Override
  public Method getMethod() {
    return method.details().getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return method.details().getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return method.details().getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return method.details().getCacheName();
  }
}
