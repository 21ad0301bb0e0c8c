package io.tandem.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pattern matching of {@link ClassAllowlist}, by class and by name. */
class ClassAllowlistTest {

  private final ClassAllowlist allowlist =
      ClassAllowlist.of(List.of("com.example.Order", "com.example.model.*", "org.acme.**"));

  @Test
  void exactNameAllowsThatClassOnly() {
    assertTrue(allowlist.allows("com.example.Order"));
    assertFalse(allowlist.allows("com.example.OrderLine"));
    assertFalse(allowlist.allows("com.example.Order$Line"));
  }

  @Test
  void packagePatternAllowsItsClassesAndTheirNestedClassesButNotSubpackages() {
    assertTrue(allowlist.allows("com.example.model.Item"));
    assertTrue(allowlist.allows("com.example.model.Item$Part"));
    assertFalse(allowlist.allows("com.example.model.sub.Item"));
    assertFalse(allowlist.allows("com.example.modelx.Item"));
  }

  @Test
  void packageTreePatternAllowsEveryPackageBelow() {
    assertTrue(allowlist.allows("org.acme.Thing"));
    assertTrue(allowlist.allows("org.acme.a.b.c.Thing"));
    assertFalse(allowlist.allows("org.acmex.Thing"));
  }

  @Test
  void arraysAreJudgedByTheirElementType() {
    assertTrue(allowlist.allows("[Lcom.example.Order;"));
    assertTrue(allowlist.allows("[[Ljava.lang.String;"));
    assertTrue(allowlist.allows("[I"));
    assertFalse(allowlist.allows("[Lcom.evil.Gadget;"));
    assertFalse(allowlist.allows("[Q"));
    assertTrue(allowlist.allows(int[][].class));
    assertTrue(allowlist.allows(Object[].class));
    assertFalse(allowlist.allows(Thread[].class));
  }

  @Test
  void defaultsAllowJdkValuesAndCollectionsOnly() {
    var defaults = ClassAllowlist.defaults();

    assertTrue(defaults.allows(String.class));
    assertTrue(defaults.allows(int.class));
    assertTrue(defaults.allows(HashMap.class));
    assertTrue(defaults.allows("java.util.ImmutableCollections$ListN"));
    assertFalse(defaults.allows(Thread.class));
    assertFalse(defaults.allows("java.lang.ProcessBuilder"));
    assertFalse(defaults.allows("javax.management.BadAttributeValueExpException"));
    assertFalse(defaults.allows(ClassAllowlistTest.class));
  }

  @Test
  void classAndNameDecisionsAgree() {
    for (Class<?> type : List.of(String.class, Thread.class, HashMap.class, long[].class)) {
      assertTrue(allowlist.allows(type) == allowlist.allows(type.getName()), type.getName());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "**", ".*", "com.*.Order", "com..Order", "com.example.*.*",
      "1com.Order", "com.example.Order*"})
  void malformedPatternsAreRefusedWithThePatternNamed(String pattern) {
    var thrown = assertThrows(IllegalArgumentException.class,
        () -> ClassAllowlist.of(List.of(pattern)));

    assertTrue(thrown.getMessage().contains("'" + pattern + "'"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("tandem.serialization.allow"), thrown.getMessage());
  }

  @Test
  void surroundingWhitespaceInAPatternIsIgnored() {
    assertTrue(ClassAllowlist.of(List.of(" com.example.Order ")).allows("com.example.Order"));
  }
}
