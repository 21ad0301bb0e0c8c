package io.tandem.jcache.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a configuration file, with where it was found: the small, read-only tree the
 * settings are read from. A DOM would do, but it keeps no line numbers, and every semantic error
 * (an unknown class, a duplicate cache name) must say where it is.
 *
 * @param name the element's local name; the schema has already checked its namespace
 * @param attributes the attributes without a namespace, in document order
 * @param text the element's text, trimmed
 * @param children the child elements, in document order
 * @param line the line of the end of the start tag (where SAX reports it), 1-based
 * @param column the column of the end of the start tag, 1-based
 */
record ConfigElement(
    String name,
    Map<String, String> attributes,
    String text,
    List<ConfigElement> children,
    int line,
    int column) {

  ConfigElement {
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    children = List.copyOf(children);
  }

  /** An element named {@code name} with nothing in it: stands in for a file when there is none. */
  static ConfigElement empty(String name) {
    return new ConfigElement(name, Map.of(), "", List.of(), 0, 0);
  }

  Optional<String> attribute(String attributeName) {
    return Optional.ofNullable(attributes.get(attributeName));
  }

  List<ConfigElement> children(String childName) {
    return children.stream().filter(child -> child.name.equals(childName)).toList();
  }

  Optional<ConfigElement> child(String childName) {
    return children(childName).stream().findFirst();
  }

  /** How error messages show the element: {@code <cache name="users">} or {@code <expiry>}. */
  String tag() {
    return attribute("name").map(n -> "<" + name + " name=\"" + n + "\">").orElse("<" + name + ">");
  }
}
