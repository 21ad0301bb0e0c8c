package io.tandem.samples.springsession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.session.spring.TandemIndexedSessionRepository;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the sample (embedded Tomcat each, random ports) on one loopback cluster, and a
 * real HTTP client with one cookie jar going back and forth between them.
 */
class SpringSessionSampleTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern SESSION_ID = Pattern.compile("\\(session ([^)]+)\\)");

  private final String clusterName = "spring-session-sample-" + UUID.randomUUID();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private final List<URI> bases = new ArrayList<>();
  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() {
    for (int i = 1; i <= 2; i++) {
      var context = new SpringApplicationBuilder(SpringSessionSample.class)
          .run("--server.port=0", "--server.address=127.0.0.1",
              "--tandem.session.config=classpath:tandem-node" + i + ".xml",
              "--tandem.cluster.name=" + clusterName);
      instances.add(context);
      // the port as a property: WebServerApplicationContext moved between Boot 3 and 4, and
      // these sources are compiled against both (samples/spring-session-boot4)
      String port = context.getEnvironment().getRequiredProperty("local.server.port");
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

  /** A request without the shared cookie jar, carrying only {@code cookie}. */
  private HttpResponse<String> getWithCookie(int node, String path, String cookie)
      throws Exception {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(bases.get(node).resolve(path)).header("Cookie", cookie)
            .build(), HttpResponse.BodyHandlers.ofString());
  }

  private String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION")).map(HttpCookie::toString).findFirst()
        .orElseThrow(() -> new AssertionError("no SESSION cookie in "
            + cookies.getCookieStore().getCookies()));
  }

  private TandemIndexedSessionRepository repository(int node) {
    return instances.get(node).getBean(TandemIndexedSessionRepository.class);
  }

  private static String sessionId(HttpResponse<String> home) {
    Matcher m = SESSION_ID.matcher(home.body());
    assertTrue(m.find(), home.body());
    return m.group(1);
  }

  private static void assertToLoginPage(HttpResponse<String> response, String message) {
    assertEquals(302, response.statusCode(), message);
    assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/login"),
        message + ": " + response.headers());
  }

  @Test
  void aLoginOnOneInstanceHoldsOnTheOtherAndALogoutOnOneEndsItOnBoth() throws Exception {
    assertToLoginPage(get(1, ""), "not logged in: to the login page");
    HttpResponse<String> loginPage = get(0, "login");
    assertEquals(200, loginPage.statusCode());

    // a wrong password, posted to the other instance with the CSRF token of the shared session
    HttpResponse<String> failed = post(1, "login",
        "username=alice&password=wrong&_csrf=" + csrf(loginPage));
    assertEquals(302, failed.statusCode(), failed.body());
    assertTrue(failed.headers().firstValue("Location").orElse("").endsWith("/login?error"),
        failed.headers().toString());
    HttpResponse<String> errorPage = get(0, "login?error");
    assertEquals(200, errorPage.statusCode());
    assertTrue(errorPage.body().contains("Invalid credentials"), errorPage.body());

    HttpResponse<String> login = post(0, "login",
        "username=alice&password=alice-secret&_csrf=" + csrf(errorPage));
    assertEquals(302, login.statusCode(), login.body());
    assertTrue(!login.headers().firstValue("Location").orElse("").contains("error"),
        login.headers().toString());
    String cookie = sessionCookie();

    HttpResponse<String> home = get(1, "");
    assertEquals(200, home.statusCode(), "logged in on the other instance");
    assertTrue(home.body().startsWith("Hello alice"), home.body());
    HttpResponse<String> homeOnFirst = get(0, "");
    assertTrue(homeOnFirst.body().startsWith("Hello alice"), homeOnFirst.body());
    String id = sessionId(home);
    assertEquals(id, sessionId(homeOnFirst), "one session on both instances");
    for (int node = 0; node < 2; node++) {
      assertNotNull(repository(node).findById(id), "the session on instance " + node);
      assertEquals(Set.of(id), repository(node).findByPrincipalName("alice").keySet(),
          "the principal index on instance " + node);
    }

    HttpResponse<String> logoutPage = get(1, "logout");
    assertEquals(200, logoutPage.statusCode());
    HttpResponse<String> logout = post(1, "logout", "_csrf=" + csrf(logoutPage));
    assertEquals(302, logout.statusCode());

    assertToLoginPage(get(0, ""), "logged out on instance 0 as well");
    assertToLoginPage(get(1, ""), "logged out on instance 1");
    // the session itself is gone on both, not only the browser's cookie: the old cookie, sent
    // again, logs in nowhere
    for (int node = 0; node < 2; node++) {
      assertNull(repository(node).findById(id), "the session on instance " + node);
      assertEquals(Map.of(), repository(node).findByPrincipalName("alice"),
          "the principal index on instance " + node);
      assertToLoginPage(getWithCookie(node, "", cookie),
          "the old session cookie on instance " + node);
    }
  }
}
