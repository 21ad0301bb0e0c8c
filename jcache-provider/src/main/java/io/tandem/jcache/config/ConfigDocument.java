package io.tandem.jcache.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.cache.CacheException;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a configuration file into a {@link ConfigElement} tree, validating it against the
 * schema as it goes.
 *
 * <p>Parsing is locked down: a DOCTYPE is refused outright, so no external entity, external DTD
 * or entity expansion can reach the file system or the network (XXE), and the JDK's own parser
 * is used rather than whichever one happens to be on the class path.
 */
final class ConfigDocument {

  private ConfigDocument() {}

  /**
   * The root element of {@code file}.
   *
   * @throws CacheException listing every schema violation with its line and column, or the first
   *     error that makes the file unreadable as XML
   */
  static ConfigElement parse(ConfigFile file) {
    ConfigProblems problems = new ConfigProblems(file.source());
    TreeBuilder tree = new TreeBuilder(problems);
    try (InputStream in = file.url().openStream()) {
      InputSource input = new InputSource(in);
      input.setSystemId(file.url().toExternalForm());
      newParser().parse(input, tree);
    } catch (SAXParseException e) {
      // Already recorded by fatalError, with its position.
      throw problems.toException(e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new CacheException("Cannot set up the XML parser for Tandem configuration "
          + file.source() + ": " + e, e);
    } catch (IOException e) {
      throw new CacheException("Cannot read Tandem configuration " + file.source() + ": " + e, e);
    }
    problems.throwIfAny();
    return tree.root;
  }

  private static SAXParser newParser() throws ParserConfigurationException, SAXException {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    // The compiled schema only: an xsi:schemaLocation in the file is a hint for editors and is
    // never fetched.
    factory.setSchema(ConfigSchema.get().schema());
    SAXParser parser = factory.newSAXParser();
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    try {
      // Messages go to logs next to Tandem's own English ones; the hints below read English too.
      parser.setProperty("http://apache.org/xml/properties/locale", Locale.ENGLISH);
    } catch (SAXNotRecognizedException | SAXNotSupportedException ignored) {
      // Another parser build: its messages stay in the JVM's language.
    }
    return parser;
  }

  /** Builds the element tree, remembering where each element starts, and gathers errors. */
  private static final class TreeBuilder extends DefaultHandler {

    private final ConfigProblems problems;
    private final SchemaErrors errors;
    private final Deque<OpenElement> open = new ArrayDeque<>();
    private Locator locator;
    private ConfigElement root;

    TreeBuilder(ConfigProblems problems) {
      this.problems = problems;
      this.errors = new SchemaErrors(ConfigSchema.get(), problems);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < attributes.getLength(); i++) {
        // Namespaced attributes (xsi:schemaLocation) are for editors, not settings.
        if (attributes.getURI(i).isEmpty()) {
          values.put(attributes.getLocalName(i), collapse(attributes.getValue(i)));
        }
      }
      open.push(new OpenElement(localName, values, locator.getLineNumber(),
          locator.getColumnNumber()));
    }

    /**
     * The value as the schema sees it: every attribute type is derived from xs:token, which
     * validates " java.lang.String " as "java.lang.String", and SAX passes the raw text on.
     */
    private static String collapse(String value) {
      return value.strip().replaceAll("\\s+", " ");
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!open.isEmpty()) {
        open.peek().text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      ConfigElement element = open.pop().close();
      if (open.isEmpty()) {
        root = element;
      } else {
        open.peek().children.add(element);
      }
    }

    @Override
    public void endDocument() {
      errors.flush();
    }

    @Override
    public void warning(SAXParseException e) {
      // Warnings (such as an unknown xsi:schemaLocation) change nothing Tandem reads.
    }

    @Override
    public void error(SAXParseException e) {
      errors.add(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      errors.add(e);
      errors.flush();
      throw e;
    }
  }

  private static final class OpenElement {
    final String name;
    final Map<String, String> attributes;
    final int line;
    final int column;
    final StringBuilder text = new StringBuilder();
    final List<ConfigElement> children = new ArrayList<>();

    OpenElement(String name, Map<String, String> attributes, int line, int column) {
      this.name = name;
      this.attributes = attributes;
      this.line = line;
      this.column = column;
    }

    ConfigElement close() {
      return new ConfigElement(name, attributes, text.toString().strip(), children, line, column);
    }
  }
}
