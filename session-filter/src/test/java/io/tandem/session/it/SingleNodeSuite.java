package io.tandem.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.session.TandemSessionFilter;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One container with the filter installed the plain way: init-parameters naming the cache
 * manager's configuration file and the cache. Run by each container's {@code *IT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SingleNodeSuite {

  private ServerNode node;
  private WebApp app;
  private URI base;
  private String servletVersion;
  private boolean servlet61;

  abstract ServerNode.Factory containers();

  @BeforeAll
  void start() throws Exception {
    app = new WebApp(new TandemSessionFilter(), Map.of(
        "cache-manager-uri", "classpath:tandem-sessions-it.xml",
        "cache-name", "single-" + UUID.randomUUID()));
    node = containers().start(app);
    base = node.base();
    servletVersion = ContainerCheck.check(base);
    servlet61 = servletVersion.endsWith("(Servlet 6.1)");
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void createReadAndChange() throws Exception {
    Browser b = new Browser();
    String created = b.get(base, "create");
    assertTrue(created.endsWith("new=true"), created);
    assertEquals("ok", b.get(base, "set?name=a&value=1"));
    assertEquals("1", b.get(base, "get?name=a"));
    assertEquals("ok", b.get(base, "set?name=a&value=2"));
    assertEquals("2", b.get(base, "get?name=a"));
    assertTrue(b.get(base, "create").endsWith("new=false"));
    String info = b.get(base, "info");
    assertTrue(info.contains("valid=true cookie=true url=false"), info);
    assertEquals("ok", b.get(base, "remove?name=a"));
    assertEquals("null", b.get(base, "get?name=a"));
  }

  @Test
  void theCookieIsSecureByDefault() throws Exception {
    HttpResponse<String> r = new Browser().send(base.resolve("create"));
    List<String> cookies = r.headers().allValues("Set-Cookie");
    assertEquals(1, cookies.size(), cookies.toString());
    String c = cookies.get(0);
    assertTrue(c.matches("TSESSION=[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Lax"), c);
  }

  @Test
  void aSessionIsNotTouchedByRequestsThatDoNotUseIt() throws Exception {
    HttpResponse<String> r = new Browser().send(base.resolve("info"));
    assertEquals("requested=null valid=false cookie=false url=false session=none", r.body());
    assertTrue(r.headers().allValues("Set-Cookie").isEmpty());
  }

  @Test
  void changeSessionIdKeepsTheSessionUnderAFreshId() throws Exception {
    Browser b = new Browser();
    b.get(base, "set?name=user&value=alice");
    int before = app.listener.idChanged.get();
    String[] ids = b.get(base, "change-id").split(" ");
    assertNotEquals(ids[0], ids[1]);
    assertEquals(ids[1], ids[2]);
    assertEquals(before + 1, app.listener.idChanged.get());
    assertEquals("alice", b.get(base, "get?name=user"));
    assertEquals(ids[1], b.sessionCookies().get(0).getValue());
    b.forgeSessionCookie(base, ids[0]);
    assertEquals("no-session", b.get(base, "get?name=user"), "the old id is dead");
  }

  @Test
  void badOrForgedIdsAreNoSession() throws Exception {
    Browser victim = new Browser();
    victim.get(base, "set?name=user&value=victim");
    String victimId = victim.sessionCookies().get(0).getValue();
    for (String bad : List.of("garbage", "../../etc/passwd", "A".repeat(4000),
        "AAAAAAAAAAAAAAAAAAAAAA", "%27%3B--", victimId.substring(1) + "A",
        victimId.toLowerCase().equals(victimId) ? victimId.toUpperCase() : victimId.toLowerCase())) {
      Browser b = new Browser();
      b.forgeSessionCookie(base, bad);
      HttpResponse<String> r = b.send(base.resolve("info"));
      assertEquals(200, r.statusCode(), bad);
      assertTrue(r.body().endsWith("session=none"), bad + ": " + r.body());
      String created = b.get(base, "create");
      assertTrue(created.endsWith("new=true"), created);
      String id = created.split(" ")[0];
      assertNotEquals(bad, id, "an unknown id is never adopted");
      assertNotEquals(victimId, id);
      assertEquals("null", b.get(base, "get?name=user"));
    }
    assertEquals("victim", victim.get(base, "get?name=user"));
  }

  @Test
  void invalidateEndsTheSessionAndClearsTheCookie() throws Exception {
    Browser b = new Browser();
    b.get(base, "set?name=user&value=carol");
    int destroyed = app.listener.destroyed.get();
    HttpResponse<String> r = b.send(base.resolve("invalidate"));
    assertEquals("invalidated", r.body(), "IllegalStateException after invalidate");
    assertTrue(r.headers().allValues("Set-Cookie").get(0).contains("Max-Age=0"));
    assertEquals(destroyed + 1, app.listener.destroyed.get());
    assertEquals("no-session", b.get(base, "get?name=user"));
  }

  @Test
  void anAttributeChangedInPlaceIsSaved() throws Exception {
    Browser b = new Browser();
    b.get(base, "append?name=list&value=a");
    b.get(base, "append?name=list&value=b");
    assertEquals("[a, b]", b.get(base, "get?name=list"));
  }

  @Test
  void anAttributeThatCannotBeStoredFailsSetAttribute() throws Exception {
    String answer = new Browser().get(base, "unstorable");
    assertTrue(answer.startsWith("IAE "), answer);
    assertTrue(answer.contains(NotAllowedValue.class.getName()), answer);
    assertTrue(answer.contains("tandem.serialization.allow"), answer);
  }

  @Test
  void listenersHearAttributeChanges() throws Exception {
    Browser b = new Browser();
    int created = app.listener.created.get();
    int added = app.listener.added.get();
    int replaced = app.listener.replaced.get();
    int removed = app.listener.removed.get();
    b.get(base, "set?name=k&value=1");
    b.get(base, "set?name=k&value=2");
    b.get(base, "remove?name=k");
    assertEquals(created + 1, app.listener.created.get());
    assertEquals(added + 1, app.listener.added.get());
    assertEquals(replaced + 1, app.listener.replaced.get());
    assertEquals(removed + 1, app.listener.removed.get());
  }

  @Test
  void anIdleSessionExpiresAndIsDestroyedOnce() throws Exception {
    Browser b = new Browser();
    int destroyed = app.listener.destroyed.get();
    int unbound = CountingBinding.UNBOUND.get();
    b.get(base, "set?name=user&value=dave");
    b.get(base, "bind?name=binding&value=x");
    b.get(base, "max-inactive?seconds=1");
    Await.until("the session to be destroyed",
        () -> app.listener.destroyed.get() == destroyed + 1
            && CountingBinding.UNBOUND.get() == unbound + 1);
    assertEquals("dave", app.listener.lastDestroyedUser);
    assertEquals("no-session", b.get(base, "get?name=user"));
    assertEquals(destroyed + 1, app.listener.destroyed.get());
  }

  @Test
  void theSessionIsSavedBeforeARedirectReachesTheClient() throws Exception {
    Browser b = new Browser();
    b.get(base, "create");
    String key = UUID.randomUUID().toString();
    String to = base.resolve("get?name=r").toString();
    assertEquals("v", b.get(base, "redirect?name=r&value=v&key=" + key + "&to=" + q(to)));
    assertEquals("v", AppServlet.probe(key), "the target, before the redirect returned");
  }

  /** Servlet 6.1's sendRedirect overloads go through the filter's save like sendRedirect(String). */
  @ParameterizedTest
  @ValueSource(strings = {"status", "keep-buffer", "status-clear"})
  void theSessionIsSavedBeforeAServlet61RedirectReachesTheClient(String variant)
      throws Exception {
    assumeTrue(servlet61, "Servlet 6.1 only; this container implements " + servletVersion);
    Browser b = new Browser();
    b.get(base, "create");
    String key = UUID.randomUUID().toString();
    String to = base.resolve("get?name=r").toString();
    assertEquals(variant, b.get(base, "redirect?name=r&value=" + variant + "&variant=" + variant
        + "&key=" + key + "&to=" + q(to)));
    assertEquals(variant, AppServlet.probe(key), "the target, before the redirect returned");
  }

  /** A body written with Servlet 6.1's write(ByteBuffer) that commits the response. */
  @Test
  void theSessionIsSavedBeforeAByteBufferBodyCommitsTheResponse() throws Exception {
    assumeTrue(servlet61, "Servlet 6.1 only; this container implements " + servletVersion);
    Browser b = new Browser();
    b.get(base, "create");
    String key = UUID.randomUUID().toString();
    HttpResponse<InputStream> r = b.headersAsync(base, "byte-buffer?name=bb&value=v&key=" + key)
        .get(20, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    assertEquals("v", b.get(base, "get?name=bb&release=" + key),
        "saved before the first bytes reached the client");
    try (InputStream body = r.body()) {
      String text = new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(text.matches("x{1000,}"), text.length() > 200 ? text.substring(0, 200) : text);
    }
  }

  @Test
  void concurrentRequestsChangingDifferentAttributesKeepBoth() throws Exception {
    Browser b = new Browser();
    b.get(base, "set?name=x&value=0");
    String key = UUID.randomUUID().toString();
    var one = b.getAsync(base, "concurrent?name=a&value=1&key=" + key);
    var two = b.getAsync(base, "concurrent?name=b&value=2&key=" + key);
    assertEquals("ok", one.get().body());
    assertEquals("ok", two.get().body());
    assertEquals("a,b,x", b.get(base, "names"));
  }

  @Test
  void theTimesAreKept() throws Exception {
    Browser b = new Browser();
    b.get(base, "create");
    String[] times = b.get(base, "times").split(" ");
    assertFalse(Long.parseLong(times[0]) > Long.parseLong(times[1]));
    assertEquals("1800", times[2], "the webapp's default session-timeout of 30 minutes");
  }
}
