package io.tandem.jcache.config;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import javax.cache.configuration.Factory;

/**
 * Resolves the class names in a file with the manager's class loader when the file is loaded, so
 * that a misspelled class fails the manager's start with a line number instead of failing the
 * first cache operation that needs it.
 */
final class DeclaredClasses {

  private static final Map<String, String> BOXED = Map.of(
      "boolean", "java.lang.Boolean", "byte", "java.lang.Byte", "char", "java.lang.Character",
      "short", "java.lang.Short", "int", "java.lang.Integer", "long", "java.lang.Long",
      "float", "java.lang.Float", "double", "java.lang.Double");

  private final ClassLoader loader;
  private final ConfigProblems problems;

  DeclaredClasses(ClassLoader loader, ConfigProblems problems) {
    this.loader = loader;
    this.problems = problems;
  }

  /** The class named by {@code attribute}, or empty with a problem recorded. */
  Optional<Class<?>> type(ConfigElement element, String attribute) {
    String name = element.attributes().get(attribute);
    try {
      return Optional.of(Class.forName(name, false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      problems.add(element, element.tag() + " " + attribute + "=\"" + name + "\": "
          + notFound(name, e));
      return Optional.empty();
    }
  }

  /**
   * A factory of the component named by {@code attribute}: a class of {@code kind}, or a
   * {@link Factory} (of one, which cannot be checked before it runs), with a public no-arg
   * constructor. Empty, with a problem recorded, when the class is not such a class.
   */
  <T> Optional<Factory<T>> component(ConfigElement element, String attribute, Class<T> kind) {
    Optional<Class<?>> found = type(element, attribute);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Class<?> c = found.get();
    String where = element.tag() + " " + attribute + "=\"" + c.getName() + "\"";
    if (!kind.isAssignableFrom(c) && !Factory.class.isAssignableFrom(c)) {
      problems.add(element, where + " is neither a " + kind.getName() + " nor a "
          + Factory.class.getName() + " of one; name a class that implements "
          + kind.getSimpleName() + ".");
      return Optional.empty();
    }
    if (!canConstruct(c)) {
      problems.add(element, where + " cannot be created: Tandem needs a public, concrete class"
          + " with a public no-arg constructor. Add the constructor, or name a Factory that"
          + " creates the " + kind.getSimpleName() + ".");
      return Optional.empty();
    }
    return Optional.of(new ClassNameFactory<>(c.getName(), kind, loader));
  }

  private static boolean canConstruct(Class<?> c) {
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())
        || !Modifier.isPublic(c.getModifiers())
        || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) {
      return false;
    }
    try {
      c.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private String notFound(String name, Throwable e) {
    if (BOXED.containsKey(name)) {
      return "a primitive type is not a class; use " + BOXED.get(name) + ".";
    }
    if (e instanceof LinkageError) {
      return "the class exists but cannot be loaded (" + e + "); check that its dependencies are"
          + " on the class path.";
    }
    String advice = "no such class for the manager's class loader. Check the spelling (nested"
        + " classes are written Outer$Inner), or put the class on the application's class path.";
    if (!name.contains(".") && exists("java.lang." + name)) {
      advice += " Did you mean java.lang." + name + "?";
    }
    return advice;
  }

  private boolean exists(String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
