package io.tandem.jcache.config;

import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheException;

/**
 * The problems found in one configuration file. They are gathered and thrown together, so that
 * a user fixes a file in one round rather than one error per restart.
 */
final class ConfigProblems {

  /** Enough to fix a file in a few rounds, few enough to read in a log. */
  private static final int MAX_REPORTED = 20;

  private final String source;
  private final List<String> problems = new ArrayList<>();

  ConfigProblems(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** Records a problem at a position of the file. */
  void add(int line, int column, String message) {
    problems.add(source + ", line " + line + ", column " + column + ": " + message);
  }

  /** Records a problem with {@code element}; its start tag is where the problem is. */
  void add(ConfigElement element, String message) {
    add(element.line(), element.column(), message);
  }

  /** How many problems have been recorded so far. */
  int size() {
    return problems.size();
  }

  /** Throws the problems gathered so far as one exception, if there are any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw toException(null);
    }
  }

  CacheException toException(Throwable cause) {
    String message;
    if (problems.size() == 1) {
      message = "Invalid Tandem configuration: " + problems.get(0);
    } else {
      var text = new StringBuilder("Invalid Tandem configuration " + source + " (")
          .append(problems.size()).append(" problems):");
      problems.stream().limit(MAX_REPORTED).forEach(p -> text.append("\n  ").append(p));
      if (problems.size() > MAX_REPORTED) {
        text.append("\n  ... and ").append(problems.size() - MAX_REPORTED).append(" more");
      }
      message = text.toString();
    }
    return new CacheException(message, cause);
  }
}
