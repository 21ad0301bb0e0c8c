package io.tandem.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.session.TandemSessionFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Session ids in a request header, for API clients ({@code id-resolution=header}): an HTTP
 * client without a cookie store sends the id in {@code X-Auth-Token} (the default) or the
 * configured header, and reads a new id from the same header of the response. Two containers:
 * one with the default header, one with {@code header-name=X-Session-Id}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HeaderIdSuite {

  private static final String DEFAULT = "X-Auth-Token";
  private static final String CUSTOM = "X-Session-Id";

  /** An API client: no cookie store, no redirects. */
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private ServerNode defaultNode;
  private ServerNode customNode;
  private WebApp app;
  private URI base;
  private URI custom;

  abstract ServerNode.Factory containers();

  @BeforeAll
  void start() throws Exception {
    app = new WebApp(new TandemSessionFilter(), Map.of(
        "cache-manager-uri", "classpath:tandem-sessions-it.xml",
        "cache-name", "header-" + UUID.randomUUID(),
        "id-resolution", "header"));
    defaultNode = containers().start(app);
    base = defaultNode.base();
    ContainerCheck.check(base);
    customNode = containers().start(new WebApp(new TandemSessionFilter(), Map.of(
        "cache-manager-uri", "classpath:tandem-sessions-it.xml",
        "cache-name", "header-" + UUID.randomUUID(),
        "id-resolution", "header",
        "header-name", CUSTOM)));
    custom = customNode.base();
  }

  @AfterAll
  void stop() throws Exception {
    if (defaultNode != null) {
      defaultNode.close();
    }
    if (customNode != null) {
      customNode.close();
    }
  }

  /** GET {@code base/path} with {@code headers} (name, value, name, value...). */
  private HttpResponse<String> call(URI on, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(on.resolve(path))
        .timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    assertEquals(List.of(), r.headers().allValues("Set-Cookie"), "never a cookie");
    return r;
  }

  /** Creates a session on {@code on}; returns its id, as the response header gave it. */
  private String login(URI on, String header) throws Exception {
    HttpResponse<String> r = call(on, "create");
    String id = r.body().split(" ")[0];
    assertEquals(id + " new=true", r.body());
    assertEquals(Optional.of(id), r.headers().firstValue(header), "the new id in " + header);
    return id;
  }

  @Test
  void theNewIdComesBackInTheHeaderAndCarriesTheSession() throws Exception {
    String id = login(base, DEFAULT);
    assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
    HttpResponse<String> set = call(base, "set?name=user&value=api", DEFAULT, id);
    assertEquals("ok", set.body());
    assertEquals(Optional.empty(), set.headers().firstValue(DEFAULT),
        "a client that sent its id is not sent it again");
    assertEquals("api", call(base, "get?name=user", DEFAULT, id).body());
    assertEquals("requested=" + id + " valid=true cookie=false url=false session=" + id
        + " new=false", call(base, "info", DEFAULT, id).body());
    assertEquals("no-session", call(base, "get?name=user").body(), "no header, no session");
  }

  @Test
  void theConfiguredHeaderIsTheOnlyOneRead() throws Exception {
    String id = login(custom, CUSTOM);
    call(custom, "set?name=user&value=custom", CUSTOM, id);
    assertEquals("custom", call(custom, "get?name=user", CUSTOM, id).body());
    assertEquals("no-session", call(custom, "get?name=user", DEFAULT, id).body(),
        "X-Auth-Token is not this webapp's header");
    HttpResponse<String> r = call(custom, "create");
    assertEquals(Optional.empty(), r.headers().firstValue(DEFAULT));
  }

  @Test
  void aCookieIsNoSessionInHeaderMode() throws Exception {
    String id = login(base, DEFAULT);
    call(base, "set?name=user&value=x", DEFAULT, id);
    assertTrue(call(base, "info", "Cookie", "TSESSION=" + id).body().endsWith("session=none"));
    assertTrue(call(base, "info", "Cookie", "JSESSIONID=" + id).body().endsWith("session=none"));
  }

  @Test
  void unknownMalformedOrForgedTokensAreNoSession() throws Exception {
    String victim = login(base, DEFAULT);
    call(base, "set?name=user&value=victim", DEFAULT, victim);
    char last = victim.charAt(victim.length() - 1);
    for (String bad : List.of("garbage", "A".repeat(4000), "AAAAAAAAAAAAAAAAAAAAAA",
        "' OR 1=1 --", victim.substring(0, 21) + (last == 'A' ? 'B' : 'A'), victim + "A",
        "Bearer " + victim)) {
      HttpResponse<String> info = call(base, "info", DEFAULT, bad);
      assertTrue(info.body().endsWith("session=none"), bad + ": " + info.body());
      HttpResponse<String> created = call(base, "create", DEFAULT, bad);
      String id = created.body().split(" ")[0];
      assertTrue(created.body().endsWith("new=true"), created.body());
      assertNotEquals(bad, id, "an unknown id is never adopted");
      assertNotEquals(victim, id);
      assertEquals(Optional.of(id), created.headers().firstValue(DEFAULT));
      assertEquals("null", call(base, "get?name=user", DEFAULT, id).body());
    }
    assertEquals("victim", call(base, "get?name=user", DEFAULT, victim).body());
  }

  @Test
  void changeSessionIdAnswersTheNewIdInTheHeader() throws Exception {
    String id = login(base, DEFAULT);
    call(base, "set?name=user&value=rotated", DEFAULT, id);
    HttpResponse<String> r = call(base, "change-id", DEFAULT, id);
    String[] ids = r.body().split(" ");
    assertEquals(id, ids[0]);
    assertNotEquals(id, ids[1]);
    assertEquals(Optional.of(ids[1]), r.headers().firstValue(DEFAULT));
    assertEquals("rotated", call(base, "get?name=user", DEFAULT, ids[1]).body());
    assertEquals("no-session", call(base, "get?name=user", DEFAULT, id).body(),
        "the old id is dead");
  }

  @Test
  void invalidateAnswersAnEmptyHeader() throws Exception {
    String id = login(base, DEFAULT);
    call(base, "set?name=user&value=gone", DEFAULT, id);
    int destroyed = app.listener.destroyed.get();
    HttpResponse<String> r = call(base, "invalidate", DEFAULT, id);
    assertEquals("invalidated", r.body());
    assertEquals(Optional.of(""), r.headers().firstValue(DEFAULT).map(String::strip),
        "the client is told to forget its id");
    assertEquals(destroyed + 1, app.listener.destroyed.get());
    assertEquals("no-session", call(base, "get?name=user", DEFAULT, id).body());
  }
}
