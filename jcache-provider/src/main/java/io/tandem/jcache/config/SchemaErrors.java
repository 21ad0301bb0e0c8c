package io.tandem.jcache.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xml.sax.SAXParseException;

/**
 * Turns the parser's schema messages into ones a user can act on: the element, attribute and
 * value involved, and what the schema expects instead (quoting the schema's documentation).
 *
 * <p>The parser reports a bad attribute value twice at one position: first the facet that failed
 * ("not facet-valid with respect to pattern ...") and then the attribute ("the value '10x' of
 * attribute 'duration' ..."). The facet message is held back and folded into the second. Messages
 * that match none of the English shapes below (the parser speaks the JVM's language, and offers
 * no way to ask for another) keep the parser's own text, with the namespace noise removed and
 * the schema's advice added where the error code says which kind of problem it is, so nothing is
 * lost in any language.
 */
final class SchemaErrors {

  private static final Pattern CODE = Pattern.compile("(cvc-[\\w.-]+): (.*)", Pattern.DOTALL);
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("\"" + Pattern.quote(ConfigSchema.NAMESPACE) + "\":([\\w-]+)");
  private static final Pattern NAME_LIST = Pattern.compile("'\\{([^}]*)\\}'");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern BAD_ATTRIBUTE_VALUE = Pattern.compile(
      "The value '(.*)' of attribute '(.*)' on element '(.*)' is not valid.*", Pattern.DOTALL);
  private static final Pattern BAD_ELEMENT_VALUE =
      Pattern.compile("The value '(.*)' of element '(.*)' is not valid.*", Pattern.DOTALL);
  private static final Pattern UNEXPECTED_ELEMENT = Pattern.compile(
      "Invalid content was found starting with element '(.*?)'\\. (.*)", Pattern.DOTALL);
  private static final Pattern UNKNOWN_ATTRIBUTE =
      Pattern.compile("Attribute '(.*)' is not allowed to appear in element '(.*)'\\.");
  private static final Pattern MISSING_ATTRIBUTE =
      Pattern.compile("Attribute '(.*)' must appear on element '(.*)'\\.");
  private static final Pattern UNKNOWN_ROOT =
      Pattern.compile("Cannot find the declaration of element '(.*)'\\.");

  private final ConfigSchema schema;
  private final ConfigProblems problems;

  /** A facet failure waiting for the message that says which attribute or element failed it. */
  private SAXParseException heldFacet;

  SchemaErrors(ConfigSchema schema, ConfigProblems problems) {
    this.schema = schema;
    this.problems = problems;
  }

  void add(SAXParseException e) {
    String code = code(e);
    boolean isFacet = code.endsWith("-valid") || code.startsWith("cvc-datatype-valid");
    if (heldFacet != null && !(samePosition(heldFacet, e) && !isFacet)) {
      flush();
    }
    if (isFacet) {
      heldFacet = e;
      return;
    }
    String facetText = heldFacet == null ? "" : heldFacet.getMessage();
    heldFacet = null;
    problems.add(e.getLineNumber(), e.getColumnNumber(), describe(code, e.getMessage(), facetText));
  }

  /** Reports a facet failure no attribute message followed. */
  void flush() {
    if (heldFacet != null) {
      SAXParseException e = heldFacet;
      heldFacet = null;
      problems.add(e.getLineNumber(), e.getColumnNumber(), describe(code(e), e.getMessage(), ""));
    }
  }

  private String describe(String code, String message, String facetText) {
    String text = withoutCode(message);
    Matcher m;
    if (code.isEmpty()) {
      return notWellFormed(text);
    } else if ((m = BAD_ATTRIBUTE_VALUE.matcher(text)).matches()) {
      return "<" + m.group(3) + "> attribute " + m.group(2) + "=\"" + m.group(1)
          + "\" is not valid" + expected(text + " " + facetText);
    } else if ((m = BAD_ELEMENT_VALUE.matcher(text)).matches()) {
      return "<" + m.group(2) + ">" + m.group(1) + "</" + m.group(2) + "> is not valid"
          + expected(text + " " + facetText);
    } else if ((m = UNEXPECTED_ELEMENT.matcher(text)).matches()) {
      return tags("'" + m.group(1) + "'") + " is not allowed here. " + tags(m.group(2))
          + " Check the element's spelling and the order of elements.";
    } else if ((m = UNKNOWN_ATTRIBUTE.matcher(text)).matches()) {
      return "<" + m.group(2) + "> has no attribute " + m.group(1) + "; its attributes are "
          + String.join(", ", schema.attributesOf(m.group(2))) + ".";
    } else if ((m = MISSING_ATTRIBUTE.matcher(text)).matches()) {
      return "<" + m.group(2) + "> needs the attribute " + m.group(1) + ".";
    } else if ((m = UNKNOWN_ROOT.matcher(text)).matches()) {
      return "<" + m.group(1) + "> is not a Tandem configuration element; the root element must"
          + " be <tandem xmlns=\"" + ConfigSchema.NAMESPACE + "\">.";
    }
    String described =
        tags(text) + (facetText.isEmpty() ? "" : " " + tags(withoutCode(facetText)));
    return described + switch (code) {
      case "cvc-attribute.3", "cvc-type.3.1.3" ->
          typeDocumentation(text + " " + facetText).map(doc -> " Expected: " + doc).orElse("");
      case "cvc-complex-type.3.2.2" -> attributeList(text);
      case "cvc-elt.1.a" -> " The root element must be <tandem xmlns=\"" + ConfigSchema.NAMESPACE
          + "\">.";
      default -> "";
    };
  }

  /** The attributes of whichever quoted name in {@code text} is an element of the schema. */
  private String attributeList(String text) {
    Matcher quoted = QUOTED.matcher(text);
    while (quoted.find()) {
      List<String> attributes = schema.attributesOf(quoted.group(1));
      if (!attributes.isEmpty()) {
        return " Attributes of <" + quoted.group(1) + ">: " + String.join(", ", attributes) + ".";
      }
    }
    return "";
  }

  /** "; expected ..." from the schema's documentation of the value's type. */
  private String expected(String messages) {
    return typeDocumentation(messages)
        .map(doc -> "; expected " + doc.substring(0, 1).toLowerCase(Locale.ROOT) + doc.substring(1))
        .orElse(".");
  }

  /**
   * The schema's documentation of the value's type: of the last quoted name in the messages that
   * is a type of the schema (the parser names the type last, in every language).
   */
  private Optional<String> typeDocumentation(String messages) {
    String doc = null;
    Matcher quoted = QUOTED.matcher(messages);
    while (quoted.find()) {
      String typeDoc = schema.documentationOfType(quoted.group(1));
      doc = typeDoc != null ? typeDoc : doc;
    }
    return Optional.ofNullable(doc);
  }

  private static String withoutCode(String message) {
    Matcher coded = CODE.matcher(message);
    return coded.matches() ? coded.group(2) : message;
  }

  private static String notWellFormed(String text) {
    String advice = text.contains("DOCTYPE")
        ? " Tandem refuses DOCTYPE declarations, which could pull in external entities;"
            + " remove it."
        : "";
    return "not well-formed XML: " + text + advice;
  }

  /** {@code '{"urn:...":cache, "urn:...":listener}'} becomes {@code <cache>, <listener>}. */
  private static String tags(String text) {
    Matcher lists = NAME_LIST.matcher(text);
    StringBuilder out = new StringBuilder();
    while (lists.find()) {
      String names = List.of(lists.group(1).split(",\\s*")).stream()
          .map(name -> "<" + QUALIFIED_NAME.matcher(name.strip()).replaceAll("$1") + ">")
          .collect(Collectors.joining(", "));
      lists.appendReplacement(out, Matcher.quoteReplacement(names));
    }
    lists.appendTail(out);
    return out.toString();
  }

  private static String code(SAXParseException e) {
    Matcher m = CODE.matcher(String.valueOf(e.getMessage()));
    return m.matches() ? m.group(1) : "";
  }

  private static boolean samePosition(SAXParseException a, SAXParseException b) {
    return a.getLineNumber() == b.getLineNumber() && a.getColumnNumber() == b.getColumnNumber();
  }
}
