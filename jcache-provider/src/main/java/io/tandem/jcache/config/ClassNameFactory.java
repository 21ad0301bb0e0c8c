package io.tandem.jcache.config;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * A serializable factory of a class named in a configuration file: a loader, writer, listener,
 * filter or expiry policy, or a {@link Factory} of one.
 *
 * <p>Not {@code FactoryBuilder.factoryOf(className)}: that one resolves the name with the
 * thread's context class loader when the cache starts, not with the manager's, and cannot take
 * a factory in place of the component. This one keeps the manager's class loader; after
 * deserialization, where the loader cannot travel, it falls back to the context class loader.
 *
 * @param <T> what the factory creates
 */
final class ClassNameFactory<T> implements Factory<T> {

  private static final long serialVersionUID = 1L;

  private final String className;
  private final Class<T> type;
  private final transient ClassLoader classLoader;

  ClassNameFactory(String className, Class<T> type, ClassLoader classLoader) {
    this.className = Objects.requireNonNull(className, "className");
    this.type = Objects.requireNonNull(type, "type");
    this.classLoader = classLoader;
  }

  /** The class name as written in the configuration. */
  String className() {
    return className;
  }

  @Override
  public T create() {
    Object made = instantiate(load());
    if (!type.isInstance(made) && made instanceof Factory<?> factory) {
      made = factory.create();
    }
    if (!type.isInstance(made)) {
      throw new CacheException(className + " made a "
          + (made == null ? "null" : made.getClass().getName()) + ", not a " + type.getName());
    }
    return type.cast(made);
  }

  private Class<?> load() {
    ClassLoader loader = classLoader != null
        ? classLoader
        : Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(className, false,
          loader != null ? loader : ClassNameFactory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new CacheException("Cannot load " + type.getSimpleName() + " class " + className, e);
    }
  }

  private Object instantiate(Class<?> c) {
    try {
      return c.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new CacheException("The constructor of " + className + " failed: " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new CacheException("Cannot create a " + className + ": " + e, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassNameFactory<?> other
        && className.equals(other.className)
        && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return className.hashCode() * 31 + type.hashCode();
  }

  @Override
  public String toString() {
    return "ClassNameFactory[" + className + "]";
  }
}
