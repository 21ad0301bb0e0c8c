package io.tandem.samples.springsession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the sample (embedded Tomcat each, random ports) on one loopback cluster, and a
 * real HTTP client with one cookie jar going back and forth between them.
 */
class SpringSessionSampleTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String clusterName = "spring-session-sample-" + UUID.randomUUID();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private final List<URI> bases = new ArrayList<>();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() {
    for (int i = 1; i <= 2; i++) {
      var context = new SpringApplicationBuilder(SpringSessionSample.class)
          .run("--server.port=0", "--server.address=127.0.0.1",
              "--tandem.session.config=classpath:tandem-node" + i + ".xml",
              "--tandem.cluster.name=" + clusterName);
      instances.add(context);
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      bases.add(URI.create("http://127.0.0.1:" + port + "/"));
    }
  }

  @AfterEach
  void stop() {
    for (int i = instances.size() - 1; i >= 0; i--) {
      instances.get(i).close();
    }
  }

  private HttpResponse<String> get(int node, String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(bases.get(node).resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int node, String path, String form) throws Exception {
    return browser.send(HttpRequest.newBuilder(bases.get(node).resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertTrue(m.find(), "a CSRF token in " + page.body());
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  @Test
  void aLoginOnOneInstanceHoldsOnTheOtherAndALogoutOnOneEndsItOnBoth() throws Exception {
    assertEquals(302, get(1, "").statusCode(), "not logged in: to the login page");
    HttpResponse<String> loginPage = get(0, "login");
    assertEquals(200, loginPage.statusCode());
    HttpResponse<String> login = post(0, "login",
        "username=alice&password=alice-secret&_csrf=" + csrf(loginPage));
    assertEquals(302, login.statusCode(), login.body());
    assertTrue(!login.headers().firstValue("Location").orElse("").contains("error"),
        login.headers().toString());

    HttpResponse<String> home = get(1, "");
    assertEquals(200, home.statusCode(), "logged in on the other instance");
    assertTrue(home.body().startsWith("Hello alice"), home.body());
    assertTrue(get(0, "").body().startsWith("Hello alice"));

    HttpResponse<String> logoutPage = get(1, "logout");
    assertEquals(200, logoutPage.statusCode());
    HttpResponse<String> logout = post(1, "logout", "_csrf=" + csrf(logoutPage));
    assertEquals(302, logout.statusCode());

    assertEquals(302, get(0, "").statusCode(), "logged out on instance 1 as well");
    assertEquals(302, get(1, "").statusCode());
  }
}
