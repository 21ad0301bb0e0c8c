package io.tandem.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the failsafe reports of one TCK run; run by exec-maven-plugin in the {@code verify}
 * phase, after failsafe has failed the build on test failures.
 *
 * <p>The TCK reports an excluded test as passed and only logs {@code ===== EXCLUDING TEST
 * 'class'\t'method'.} through {@code java.util.logging} (so on {@code System.err}); failsafe's
 * {@code redirectTestOutputToFile} puts that into {@code <reports>/<test class>-output.txt}. This
 * check fails when:
 *
 * <ul>
 *   <li>any test other than the allowed ones (the ExcludeList) was excluded;
 *   <li>an allowed exclusion was <em>not</em> seen: then this check cannot see the TCK's log output
 *       (redirect off, logging reconfigured) and would miss real exclusions too;
 *   <li>fewer tests ran than expected, or failsafe reported failures, errors or skips;
 *   <li>not exactly one {@code javax.cache.spi.CachingProvider} is registered on the test classpath.
 * </ul>
 *
 * <p>Arguments: {@code --reports=DIR --expected-tests=N --allowed-exclusions=Class#method,...}.
 */
public final class TckReportCheck {

  private static final Pattern EXCLUDING =
      Pattern.compile("EXCLUDING TEST '([^'\\s]+)'\\s*'([^'\\s]+)'");
  private static final String PROVIDER_SERVICE = "META-INF/services/javax.cache.spi.CachingProvider";

  private TckReportCheck() {}

  public static void main(String[] args) throws Exception {
    Path reports = null;
    int expectedTests = -1;
    Set<String> allowed = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.startsWith("--reports=")) {
        reports = Path.of(arg.substring("--reports=".length()));
      } else if (arg.startsWith("--expected-tests=")) {
        expectedTests = Integer.parseInt(arg.substring("--expected-tests=".length()).trim());
      } else if (arg.startsWith("--allowed-exclusions=")) {
        for (String entry : arg.substring("--allowed-exclusions=".length()).split(",")) {
          if (!entry.isBlank()) {
            allowed.add(entry.trim());
          }
        }
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    if (reports == null || expectedTests < 0) {
      throw new IllegalArgumentException(
          "usage: --reports=DIR --expected-tests=N [--allowed-exclusions=Class#method,...]");
    }

    List<String> problems = new ArrayList<>();
    String name = reports.getFileName().toString();
    if (!Files.isDirectory(reports)) {
      throw new IllegalStateException("TCK check [" + name + "]: no reports directory " + reports
          + "; did the TCK run?");
    }

    // 1. counts from the XML reports
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    int classes = 0;
    for (Path xml : list(reports, "TEST-", ".xml")) {
      Document doc = parse(xml);
      NodeList cases = doc.getElementsByTagName("testcase");
      classes++;
      tests += cases.getLength();
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        failures += testcase.getElementsByTagName("failure").getLength();
        errors += testcase.getElementsByTagName("error").getLength();
        skipped += testcase.getElementsByTagName("skipped").getLength();
      }
    }
    if (tests < expectedTests) {
      problems.add("only " + tests + " TCK tests ran, expected at least " + expectedTests);
    }
    if (failures + errors + skipped > 0) {
      problems.add(failures + " failures, " + errors + " errors, " + skipped + " skipped");
    }

    // 2. exclusions from the redirected stdout/stderr of each test class
    List<Path> outputs = new ArrayList<>(list(reports, "", "-output.txt"));
    outputs.addAll(list(reports, "", "-err.txt"));
    Map<String, List<String>> excluded = new TreeMap<>(); // Class#method -> test classes it ran in
    int excludingLines = 0;
    for (Path output : outputs) {
      String runIn = output.getFileName().toString().replaceFirst("-(output|err)\\.txt$", "")
          .replaceFirst("^.*\\.", "");
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Matcher m = EXCLUDING.matcher(text);
      while (m.find()) {
        excludingLines++;
        excluded.computeIfAbsent(m.group(1) + "#" + m.group(2), k -> new ArrayList<>()).add(runIn);
      }
    }
    List<String> unexpected = new ArrayList<>();
    excluded.forEach((test, runIn) -> {
      if (!allowed.contains(test)) {
        unexpected.add(test + "  (" + runIn.size() + "x, in " + String.join(", ", new LinkedHashSet<>(runIn)) + ")");
      }
    });
    if (!unexpected.isEmpty()) {
      problems.add(unexpected.size() + " test method(s) silently EXCLUDED by the TCK (reported as passed):\n      "
          + String.join("\n      ", unexpected));
    }
    for (String expected : allowed) {
      if (!excluded.containsKey(expected)) {
        problems.add("the ExcludeList entry " + expected + " was not reported as excluded: this check cannot"
            + " see the TCK's 'EXCLUDING TEST' log lines in " + reports + "/*-output.txt"
            + " (redirectTestOutputToFile off, java.util.logging reconfigured, ExcludeList not found?)");
      }
    }

    // 3. exactly one CachingProvider on the test classpath
    Set<String> providers = providers();
    if (providers.size() != 1) {
      problems.add("expected exactly one javax.cache.spi.CachingProvider on the test classpath, found "
          + providers.size() + ": " + providers);
    }

    System.out.printf("TCK check [%s]: %d tests in %d classes (expected %d), %d failures, %d errors, %d skipped;"
        + " %d EXCLUDING TEST lines for %s; CachingProvider %s%n",
        name, tests, classes, expectedTests, failures, errors, skipped, excludingLines, excluded.keySet(), providers);
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("TCK check [" + name + "] FAILED:");
      for (String problem : problems) {
        message.append("\n  - ").append(problem);
      }
      throw new IllegalStateException(message.toString());
    }
  }

  private static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> {
        String file = p.getFileName().toString();
        return file.startsWith(prefix) && file.endsWith(suffix) && Files.isRegularFile(p);
      }).sorted().toList();
    }
  }

  private static Document parse(Path xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(xml.toFile());
  }

  private static Set<String> providers() throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Set<String> names = new LinkedHashSet<>();
    for (URL url : Collections.list(loader.getResources(PROVIDER_SERVICE))) {
      try (InputStream in = url.openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
          String entry = line.replaceFirst("#.*", "").trim();
          if (!entry.isEmpty()) {
            names.add(entry);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + url, e);
      }
    }
    return names;
  }
}
