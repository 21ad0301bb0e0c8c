package io.tandem.samples.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's three nodes (TCP stack on 127.0.0.1, free ports) driven like curl with a cookie
 * jar: a session started on one node is seen and changed on the others, and survives the node
 * that started it stopping (container and cluster member); a node started again catches up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionDemoTest {

  private DemoCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = DemoNodes.start(3);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private static final class Curl {
    private final HttpClient client = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5)).build();

    String get(DemoNode node, String path) throws IOException, InterruptedException {
      return body(HttpRequest.newBuilder(node.url().resolve(path)).GET());
    }

    String post(DemoNode node, String path, String form)
        throws IOException, InterruptedException {
      return body(HttpRequest.newBuilder(node.url().resolve(path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private String body(HttpRequest.Builder request) throws IOException, InterruptedException {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    }
  }

  @Test
  void aSessionCrossesTheNodesAndSurvivesTheOneThatStartedIt() throws Exception {
    DemoNode one = cluster.node(0);
    DemoNode two = cluster.node(1);
    DemoNode three = cluster.node(2);
    Curl curl = new Curl();
    String page = curl.get(one, "");
    assertTrue(page.contains("<span id=\"node\">" + one.name() + "</span>"), page);
    assertTrue(page.contains("<span id=\"member-count\">3</span>"), page);
    curl.post(two, "cart", "item=apple");
    curl.post(three, "cart", "item=pear");
    String text = curl.get(two, "session.txt");
    assertTrue(text.contains("node: node-2"), text);
    assertTrue(text.contains("visits: 3"), text); // each POST redirects to its page: a visit
    assertTrue(text.contains("cart: [apple, pear]"), text);

    one.stop();
    assertThrows(IOException.class, () -> curl.get(one, "session.txt"));
    text = curl.get(three, "session.txt");
    assertTrue(text.contains("cart: [apple, pear]"), text);
    assertTrue(text.contains("trail: node-1 -> node-2 -> node-3"), text);
    curl.post(two, "cart", "item=plum");
    page = curl.get(three, "");
    assertTrue(page.contains("<span id=\"member-count\">2</span>"), page);
    assertTrue(page.contains("<li>plum</li>"), page);

    one.start(); // joins again and receives the sessions
    text = curl.get(one, "session.txt");
    assertTrue(text.contains("cart: [apple, pear, plum]"), text);
  }
}
