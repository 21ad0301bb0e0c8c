package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's name-based class resolver with the allowlist in front of it.
 *
 * <p>Reading: {@link #getTypeByName} is the first thing Kryo asks with a class name read from the
 * bytes, before {@code Class.forName}; refusing there means a class that is not allowed is never
 * loaded, initialized or instantiated. Writing, and every class Kryo meets without writing its
 * name (final field types, array elements): each gets a registration from
 * {@link #registerImplicit} first, so checking there covers the whole graph.
 */
@SuppressWarnings("rawtypes") // Kryo's ClassResolver signatures use raw Class
final class AllowlistClassResolver extends DefaultClassResolver {

  private final ClassAllowlist allowlist;

  AllowlistClassResolver(ClassAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  @Override
  public Registration registerImplicit(Class type) {
    if (!allowlist.allows(type)) {
      throw new ClassNotAllowedException(type.getName());
    }
    return super.registerImplicit(type);
  }

  @Override
  protected Class getTypeByName(String className) {
    if (!allowlist.allows(className)) {
      throw new ClassNotAllowedException(className);
    }
    return super.getTypeByName(className);
  }

  @Override
  protected void writeName(Output output, Class type, Registration registration) {
    // An enum constant with a body (Color$1) is registered as its enum: write the enum's name so
    // the reader's allowlist sees the class the user allowed, not a synthetic subclass.
    Class<?> named = registration.getType().isEnum() ? registration.getType() : type;
    super.writeName(output, named, registration);
  }
}
