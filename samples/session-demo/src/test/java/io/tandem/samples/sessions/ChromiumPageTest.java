package io.tandem.samples.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo page in a real browser: Debian's Chromium, headless, with its DOM dumped after the
 * page loaded. Each invocation is one browser session (a profile of its own): the session cookie
 * has no Max-Age, so like every browser Chromium keeps it in memory only, for that session. The
 * tour link makes the browser itself go node to node with its cookie, reloading the page on each.
 *
 * <p>Chromium is found at {@code /usr/bin/chromium} (or {@code -Dchromium=PATH}); this test never
 * installs it. Without it the test is skipped with a message saying so ({@code .ci/run} installs
 * it, so CI runs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromiumPageTest {

  private static final Path CHROMIUM = Paths.get(System.getProperty("chromium",
      "/usr/bin/chromium"));

  private DemoCluster cluster;
  private final List<Path> profiles = new ArrayList<>();

  private static final String MISSING = "*** ChromiumPageTest SKIPPED: no Chromium at " + CHROMIUM
      + ". The demo page is NOT checked in a browser. Install it with"
      + " `apt-get install -y chromium` (.ci/run does) or pass -Dchromium=PATH. ***";

  @BeforeAll
  void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      System.err.println("\n\n" + MISSING + "\n");
      return;
    }
    cluster = DemoNodes.start(3);
  }

  /** Skips the calling test, loudly, when there is no browser. */
  private static void requireChromium() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), MISSING);
  }

  @AfterAll
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void thePageShowsTheNodeTheSessionTheMembersAndTheStatistics() throws Exception {
    requireChromium();
    String dom = dumpDom(cluster.node(0).url());
    assertEquals("node-1", text(dom, "<span id=\"node\">([^<]*)</span>"));
    assertEquals("1", text(dom, "id=\"visits\">([^<]*)<"));
    assertEquals("true", text(dom, "<span id=\"new\">([^<]*)</span>"));
    assertEquals("3", text(dom, "<span id=\"member-count\">([^<]*)</span>"));
    assertEquals(3, count(dom, "<ol id=\"members\">.*?</ol>", "<li"), dom);
    assertTrue(dom.contains("(this node)"), dom);
    assertTrue(dom.contains("<table id=\"statistics\">"), dom);
    assertTrue(dom.contains("<th>puts (session saves)</th>"), dom);
  }

  @Test
  @Order(2)
  void oneBrowserSessionCountsItsVisitsAcrossEveryNode() throws Exception {
    requireChromium();
    // node-1, then redirected by the page to node-2 and node-3: three page loads, one cookie
    String dom = dumpDom(cluster.node(0).url().resolve("tour?stops=3"));
    assertEquals("node-3", text(dom, "<span id=\"node\">([^<]*)</span>"));
    assertEquals("3", text(dom, "id=\"visits\">([^<]*)<"));
    assertEquals("node-1 → node-2 → node-3", text(dom, "id=\"trail\">([^<]*)<"));
    assertEquals("false", text(dom, "<span id=\"new\">([^<]*)</span>"));
  }

  @Test
  @Order(3)
  void aStoppedNodeIsLeftOutAndTheOthersKeepTheSession() throws Exception {
    requireChromium();
    cluster.node(2).stop();
    String dom = dumpDom(cluster.node(1).url().resolve("tour?stops=3"));
    assertEquals("node-2", text(dom, "<span id=\"node\">([^<]*)</span>"));
    assertEquals("3", text(dom, "id=\"visits\">([^<]*)<"));
    assertEquals("node-2 → node-1 → node-2", text(dom, "id=\"trail\">([^<]*)<"));
    assertEquals("2", text(dom, "<span id=\"member-count\">([^<]*)</span>"));
    assertTrue(dom.contains("node-3 (stopped)"), dom);

    Path png = Paths.get("target", "session-demo.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium("--screenshot=" + png, "--window-size=1000,1100",
        cluster.node(0).url().resolve("tour?stops=2").toString());
    assertTrue(Files.size(png) > 10_000, "a screenshot at " + png);
  }

  private String dumpDom(URI url) throws Exception {
    return chromium("--dump-dom", url.toString());
  }

  /** Runs Chromium headless in a fresh profile (one browser session); its standard output. */
  private String chromium(String... args) throws Exception {
    Path profile = Files.createTempDirectory("tandem-chromium");
    profiles.add(profile);
    Path out = profile.resolve("stdout.html");
    Path err = profile.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.resolve("profile")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 90 s: " + command + "\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("Chromium exited with " + p.exitValue() + ": " + command + "\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return dom;
  }

  private static String text(String dom, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(dom);
    if (!m.find()) {
      throw new AssertionError("No " + regex + " in the page:\n" + dom);
    }
    return m.group(1);
  }

  private static int count(String dom, String blockRegex, String what) {
    Matcher m = Pattern.compile(blockRegex, Pattern.DOTALL).matcher(dom);
    if (!m.find()) {
      throw new AssertionError("No " + blockRegex + " in the page:\n" + dom);
    }
    return m.group().split(Pattern.quote(what), -1).length - 1;
  }
}
