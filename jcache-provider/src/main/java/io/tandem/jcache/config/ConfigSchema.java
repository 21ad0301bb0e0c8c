package io.tandem.jcache.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The published schema, compiled once, and what its annotations say. Error messages quote the
 * schema's own documentation of a value type ("a whole number followed by ms, s, m, h or d") and
 * list an element's attributes from it, so the advice in an error is the reference itself.
 */
final class ConfigSchema {

  /** The namespace of Tandem configuration files. */
  static final String NAMESPACE = "urn:io.tandem:config:1.0";

  /** The schema's resource name, next to this class. */
  static final String RESOURCE = "tandem-config-1.0.xsd";

  private final Schema schema;
  private final Map<String, String> typeDocumentation;
  private final Map<String, List<String>> attributesByElement;

  private ConfigSchema(
      Schema schema, Map<String, String> typeDocs, Map<String, List<String>> attributes) {
    this.schema = schema;
    this.typeDocumentation = Map.copyOf(typeDocs);
    this.attributesByElement = Map.copyOf(attributes);
  }

  /** The schema; compiled on first use and shared, as {@link Schema} is thread-safe. */
  static ConfigSchema get() {
    return Holder.INSTANCE;
  }

  Schema schema() {
    return schema;
  }

  /** The documentation of the named simple type, or null for a type the schema does not name. */
  String documentationOfType(String typeName) {
    return typeDocumentation.get(typeName);
  }

  /** The attributes the schema allows on {@code element}, in schema order. */
  List<String> attributesOf(String element) {
    return attributesByElement.getOrDefault(element, List.of());
  }

  private static final class Holder {
    static final ConfigSchema INSTANCE = load();
  }

  private static ConfigSchema load() {
    URL url = ConfigSchema.class.getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the Tandem jar");
    }
    try (InputStream in = url.openStream()) {
      SchemaFactory schemas = SchemaFactory.newDefaultInstance();
      schemas.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      // The schema is self-contained: it may reach nothing outside itself.
      schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Schema schema = schemas.newSchema(url);

      DocumentBuilderFactory builders = DocumentBuilderFactory.newDefaultInstance();
      builders.setNamespaceAware(true);
      builders.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Element root = builders.newDocumentBuilder().parse(in).getDocumentElement();

      Map<String, String> typeDocs = new HashMap<>();
      Map<String, List<String>> attributes = new HashMap<>();
      collect(root, typeDocs, attributes);
      return new ConfigSchema(schema, typeDocs, attributes);
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("Cannot read Tandem's " + RESOURCE + ": " + e, e);
    }
  }

  private static void collect(
      Element node, Map<String, String> typeDocs, Map<String, List<String>> attributes) {
    for (Element child : xsChildren(node)) {
      String name = child.getAttribute("name");
      switch (child.getLocalName()) {
        case "simpleType" -> typeDocs.put(name, documentation(child));
        case "element" -> attributes.put(name, attributeNames(child, new ArrayList<>()));
        default -> { }
      }
      collect(child, typeDocs, attributes);
    }
  }

  /** The attributes declared for an element, not descending into its child elements. */
  private static List<String> attributeNames(Element node, List<String> names) {
    for (Element child : xsChildren(node)) {
      if (child.getLocalName().equals("attribute")) {
        names.add(child.getAttribute("name"));
      } else if (!child.getLocalName().equals("element")) {
        attributeNames(child, names);
      }
    }
    return names;
  }

  private static String documentation(Element declaration) {
    for (Element annotation : xsChildren(declaration)) {
      for (Element doc : xsChildren(annotation)) {
        if (doc.getLocalName().equals("documentation")) {
          return doc.getTextContent().strip().replaceAll("\\s+", " ");
        }
      }
    }
    return null;
  }

  private static List<Element> xsChildren(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(e.getNamespaceURI())) {
        elements.add(e);
      }
    }
    return elements;
  }
}
