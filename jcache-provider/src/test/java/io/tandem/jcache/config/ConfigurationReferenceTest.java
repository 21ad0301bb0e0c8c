package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the user manual, {@code docs/configuration.md}, true to the schema: every element of the
 * XSD has a section there, every attribute is described in its element's section, and every
 * complete example file is valid.
 */
class ConfigurationReferenceTest {

  /** Surefire runs in the module directory; the manual is at the repository root. */
  private static final Path MANUAL = Path.of("..", "docs", "configuration.md");

  private static final String XSD = "/io/tandem/jcache/config/tandem-config-1.0.xsd";

  /** Element name to its attribute names, read from the XSD with a plain DOM. */
  private static Map<String, List<String>> schemaElements() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element schema;
    try (InputStream in = ConfigurationReferenceTest.class.getResourceAsStream(XSD)) {
      schema = factory.newDocumentBuilder().parse(in).getDocumentElement();
    }
    Map<String, List<String>> elements = new LinkedHashMap<>();
    NodeList declared =
        schema.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "element");
    for (int i = 0; i < declared.getLength(); i++) {
      Element element = (Element) declared.item(i);
      elements.put(element.getAttribute("name"), ownAttributes(element, new ArrayList<>()));
    }
    return elements;
  }

  private static List<String> ownAttributes(Element parent, List<String> names) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        if (child.getLocalName().equals("attribute")) {
          names.add(child.getAttribute("name"));
        } else if (!child.getLocalName().equals("element")) {
          ownAttributes(child, names);
        }
      }
    }
    return names;
  }

  /** The manual's sections, by heading: "### `<cache>`" starts the section of {@code cache}. */
  private static Map<String, String> sections(String manual) {
    Map<String, String> sections = new LinkedHashMap<>();
    Matcher heading = Pattern.compile("(?m)^### `<([\\w-]+)>`\\s*$").matcher(manual);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (heading.find()) {
      starts.add(new int[] {heading.start(), heading.end()});
      names.add(heading.group(1));
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : manual.length();
      int nextChapter = manual.indexOf("\n## ", starts.get(i)[1]);
      if (nextChapter >= 0 && nextChapter < end) {
        end = nextChapter;
      }
      sections.put(names.get(i), manual.substring(starts.get(i)[1], end));
    }
    return sections;
  }

  private static String manual() throws IOException {
    assertTrue(Files.isRegularFile(MANUAL), "no manual at " + MANUAL.toAbsolutePath());
    return Files.readString(MANUAL);
  }

  @Test
  void everyElementOfTheSchemaHasASectionInTheManual() throws Exception {
    Map<String, String> sections = sections(manual());

    for (String element : schemaElements().keySet()) {
      assertTrue(sections.containsKey(element),
          "docs/configuration.md has no section \"### `<" + element + ">`\"");
    }
  }

  @Test
  void everyAttributeIsDescribedInItsElementsSection() throws Exception {
    Map<String, String> sections = sections(manual());

    schemaElements().forEach((element, attributes) -> {
      String section = sections.getOrDefault(element, "");
      for (String attribute : attributes) {
        assertTrue(section.contains("| `" + attribute + "` |"), "the section of <" + element
            + "> in docs/configuration.md has no table row for attribute `" + attribute + "`");
      }
    });
  }

  @Test
  void theManualDescribesNoAttributeTheSchemaLacks() throws Exception {
    Map<String, List<String>> elements = schemaElements();
    Pattern row = Pattern.compile("(?m)^\\| `([\\w-]+)` \\|");

    sections(manual()).forEach((element, section) -> {
      assertTrue(elements.containsKey(element), "the manual documents <" + element
          + ">, which the schema does not declare");
      Matcher m = row.matcher(section);
      while (m.find()) {
        assertTrue(elements.get(element).contains(m.group(1)), "the manual documents "
            + m.group(1) + " on <" + element + ">, which the schema does not declare");
      }
    });
  }

  @Test
  void everyCompleteExampleInTheManualIsValid() throws Exception {
    var schema = SchemaFactory.newDefaultInstance()
        .newSchema(ConfigurationReferenceTest.class.getResource(XSD));
    Matcher block = Pattern.compile("(?s)```xml\\n(.*?)```").matcher(manual());
    int complete = 0;
    while (block.find()) {
      String xml = block.group(1).strip();
      if (xml.startsWith("<?xml") || xml.startsWith("<tandem")) {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        complete++;
      }
    }
    assertFalse(complete == 0, "the manual shows no complete <tandem> file");
  }
}
