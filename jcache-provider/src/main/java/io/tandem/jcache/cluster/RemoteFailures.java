package io.tandem.jcache.cluster;

import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheException;

/**
 * Carries an exception from the member where a command ran back to the caller without Java
 * serialization: the chain travels as class names and messages, and the caller rebuilds it from
 * JDK ({@code java.lang}) and JCache ({@code javax.cache}) exception types with a message
 * constructor. Any other type comes back as a {@link CacheException} whose message names it.
 */
final class RemoteFailures {

  private RemoteFailures() {}

  static Envelope.Failure describe(Throwable t) {
    List<String> classes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Throwable c = t; c != null && classes.size() < 16; c = c.getCause()) {
      classes.add(c.getClass().getName());
      messages.add(c.getMessage());
      if (c.getCause() == c) {
        break;
      }
    }
    return new Envelope.Failure(classes, messages);
  }

  /** The exception to throw in the caller's thread. */
  static RuntimeException rebuild(Envelope.Failure failure, String where) {
    Throwable cause = null;
    for (int i = failure.classes().size() - 1; i >= 0; i--) {
      cause = create(failure.classes().get(i), failure.messages().get(i), cause, i == 0 ? where : null);
    }
    if (cause instanceof RuntimeException re) {
      return re;
    }
    return new CacheException(where + ": " + cause, cause);
  }

  private static Throwable create(String className, String message, Throwable cause,
      String where) {
    if (className.startsWith("java.lang.") || className.startsWith("javax.cache.")) {
      try {
        Class<?> type = Class.forName(className, false, RemoteFailures.class.getClassLoader());
        if (Throwable.class.isAssignableFrom(type)) {
          Throwable t = (Throwable) type.getConstructor(String.class).newInstance(message);
          if (cause != null) {
            t.initCause(cause);
          }
          return t;
        }
      } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
        // fall through: described below
      }
    }
    return new CacheException(className + (message == null ? "" : ": " + message)
        + (where == null ? "" : " (" + where + ")"), cause);
  }
}
