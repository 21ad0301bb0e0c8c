package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of mistake in a file fails the load with a message naming the file, the line and
 * column, the offending element, attribute or value, and what would fix it.
 */
class ConfigErrorsTest {

  private static final String COMPONENTS = "io.tandem.jcache.config.Components$";

  @TempDir
  Path dir;

  private Path file;

  /** Loads {@code xml} from a file and returns the failure's message. */
  private String failureOf(String xml) throws IOException {
    file = Files.writeString(dir.resolve("tandem.xml"), xml);
    CacheException e = assertThrows(CacheException.class,
        () -> ManagerSettings.load(file.toUri(), getClass().getClassLoader(), null));
    return e.getMessage();
  }

  private void assertNames(String message, String... parts) {
    assertTrue(message.contains("file:" + file), message);
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "no '" + part + "' in: " + message);
    }
  }

  @Test
  void unknownElementIsNamedWithWhatIsExpectedThere() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <defaults/>
          <cach name="users"/>
        </tandem>
        """);

    assertNames(message, "line 3, column 23", "<cach> is not allowed here", "<cache>");
  }

  @Test
  void unknownAttributeIsNamedWithTheElementsAttributes() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users" max-entrys="10"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "<cache> has no attribute max-entrys",
        "max-entries", "read-through");
  }

  @Test
  void badDurationIsNamedWithTheFormat() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
            <expiry policy="created" duration="10x"/>
          </cache>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<expiry> attribute duration=\"10x\" is not valid",
        "500ms, 30s, 10m");
  }

  @Test
  void badEnumerationValueListsTheAllowedValues() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <defaults statistics="yes"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "statistics=\"yes\"", "true or false");
  }

  @Test
  void negativeMaxEntriesIsRefused() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <defaults/>
          <cache name="users" max-entries="-1"/>
        </tandem>
        """);

    assertNames(message, "line 3, column", "max-entries=\"-1\"", "0 for no bound");
  }

  @Test
  void sizeAbove2GiBIsRefusedWithTheRange() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <serialization max-value-size="4GiB"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "<serialization> max-value-size=\"4GiB\"",
        "2147483647 bytes");
  }

  @Test
  void unknownClassIsNamedWithTheAttribute() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users"
                 key-type="com.example.Usr"/>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<cache name=\"users\"> key-type=\"com.example.Usr\"",
        "no such class", "class path");
  }

  @Test
  void primitiveTypeSuggestsItsBoxedClass() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="counters" key-type="int"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "key-type=\"int\"", "use java.lang.Integer");
  }

  @Test
  void simpleNameOfAJdkClassSuggestsTheQualifiedName() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users" value-type="String"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "value-type=\"String\"", "java.lang.String?");
  }

  @Test
  void classOfTheWrongTypeIsNamedWithTheTypeExpected() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
            <loader class="%sUserWriter"/>
          </cache>
        </tandem>
        """.formatted(COMPONENTS));

    assertNames(message, "line 3, column", "<loader> class=\"" + COMPONENTS + "UserWriter\"",
        "neither a javax.cache.integration.CacheLoader nor a javax.cache.configuration.Factory");
  }

  @Test
  void classWithoutNoArgConstructorIsRefused() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
            <loader class="%sLoaderWithArguments"/>
          </cache>
        </tandem>
        """.formatted(COMPONENTS));

    assertNames(message, "line 3, column", "LoaderWithArguments", "public no-arg constructor");
  }

  @Test
  void duplicateCacheNameNamesBothLines() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users"/>
          <cache name="orders"/>
          <cache name="users"/>
        </tandem>
        """);

    assertNames(message, "line 4, column", "cache 'users' is declared twice, first at line 2");
  }

  @Test
  void readThroughWithoutLoaderIsRefused() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users" read-through="true"/>
        </tandem>
        """);

    assertNames(message, "line 2, column", "read-through=\"true\" but no <loader>");
  }

  @Test
  void expiryPolicyWithoutDurationAsksForOne() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
            <expiry policy="touched"/>
          </cache>
        </tandem>
        """);

    assertNames(message, "line 3, column", "<expiry policy=\"touched\"> needs a duration");
  }

  @Test
  void eternalExpiryWithDurationIsRefused() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
            <expiry policy="eternal" duration="1d"/>
          </cache>
        </tandem>
        """);

    assertNames(message, "line 3, column", "takes no duration", "remove duration=\"1d\"");
  }

  @Test
  void malformedXmlIsNamedWithThePositionOfTheBreak() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="users">
        </tandem>
        """);

    assertNames(message, "line 3, column", "not well-formed XML", "</cache>");
  }

  @Test
  void emptyFileIsMalformed() throws IOException {
    String message = failureOf("");

    assertNames(message, "line 1, column", "not well-formed XML");
  }

  @Test
  void rootOutsideTheNamespaceSaysWhichNamespaceIsNeeded() throws IOException {
    String message = failureOf("""
        <tandem>
          <cache name="users"/>
        </tandem>
        """);

    assertNames(message, "line 1, column", "xmlns=\"urn:io.tandem:config:1.0\"");
  }

  @Test
  void externalEntitiesAreNeverResolved() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t-value");
    String message = failureOf("""
        <?xml version="1.0"?>
        <!DOCTYPE tandem [ <!ENTITY leak SYSTEM "%s"> ]>
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="&leak;"/>
        </tandem>
        """.formatted(secret.toUri()));

    assertNames(message, "line 2, column", "DOCTYPE", "remove it");
    assertFalse(message.contains("s3cr3t-value"), message);
  }

  @Test
  void parserMessagesInAnotherLanguageStillCarryPositionAndAdvice() throws IOException {
    // The JDK parser words its messages in the JVM's language and cannot be asked otherwise.
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.GERMAN);
    try {
      String message = failureOf("""
          <tandem xmlns="urn:io.tandem:config:1.0">
            <cache name="users" max-entrys="1">
              <expiry policy="created" duration="10x"/>
            </cache>
          </tandem>
          """);

      assertNames(message, "line 2, column", "max-entrys", "Attributes of <cache>: name",
          "line 3, column", "10x", "500ms, 30s, 10m");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void allProblemsOfAFileAreReportedTogether() throws IOException {
    String message = failureOf("""
        <tandem xmlns="urn:io.tandem:config:1.0">
          <cache name="a" key-type="com.example.Missing"/>
          <cache name="b" value-type="com.example.AlsoMissing"/>
        </tandem>
        """);

    assertNames(message, "(2 problems)", "line 2, column", "com.example.Missing",
        "line 3, column", "com.example.AlsoMissing");
  }
}
