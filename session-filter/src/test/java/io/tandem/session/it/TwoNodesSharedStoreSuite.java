package io.tandem.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.session.TandemSessionFilter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two containers (nodes A and B) sharing one session store, driven by one browser whose cookie
 * goes to both (cookies ignore ports). The store comes from {@link SharedStore}
 * ({@code -Dtandem.session.store}): one cache in this JVM ({@code local}), or a replicated cache
 * with a member per node ({@code clustered}), with this suite unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodesSharedStoreSuite {

  private SharedStore store;
  private WebApp appA;
  private WebApp appB;
  private ServerNode nodeA;
  private ServerNode nodeB;
  private URI a;
  private URI b;

  abstract ServerNode.Factory containers();

  @BeforeAll
  void start() throws Exception {
    store = SharedStore.fromSystemProperty();
    appA = new WebApp(new TandemSessionFilter(store.cacheFor(0)), Map.of());
    appB = new WebApp(new TandemSessionFilter(store.cacheFor(1)), Map.of());
    nodeA = containers().start(appA);
    nodeB = containers().start(appB);
    a = nodeA.base();
    b = nodeB.base();
    ContainerCheck.check(a);
  }

  @AfterAll
  void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    store.close();
  }

  @Test
  void createdOnAReadAndChangedOnB() throws Exception {
    Browser browser = new Browser();
    browser.get(a, "set?name=cart&value=apple");
    assertEquals("apple", browser.get(b, "get?name=cart"));
    browser.get(b, "set?name=cart&value=pear");
    assertEquals("pear", browser.get(a, "get?name=cart"));
    browser.get(a, "append?name=list&value=1");
    browser.get(b, "append?name=list&value=2");
    assertEquals("[1, 2]", browser.get(a, "get?name=list"));
  }

  @Test
  void concurrentChangesThroughBothNodesKeepBoth() throws Exception {
    Browser browser = new Browser();
    browser.get(a, "set?name=x&value=0");
    String key = UUID.randomUUID().toString();
    var viaA = browser.getAsync(a, "concurrent?name=fromA&value=1&key=" + key);
    var viaB = browser.getAsync(b, "concurrent?name=fromB&value=2&key=" + key);
    assertEquals("ok", viaA.get().body());
    assertEquals("ok", viaB.get().body());
    assertEquals("fromA,fromB,x", browser.get(a, "names"));
    assertEquals("fromA,fromB,x", browser.get(b, "names"));
  }

  @Test
  void anIdChangedOnAIsTheOnlyIdOnB() throws Exception {
    Browser browser = new Browser();
    browser.get(a, "set?name=user&value=erin");
    String[] ids = browser.get(a, "change-id").split(" ");
    assertNotEquals(ids[0], ids[1]);
    assertEquals("erin", browser.get(b, "get?name=user"));
    Browser attacker = new Browser();
    attacker.forgeSessionCookie(b, ids[0]);
    assertEquals("no-session", attacker.get(b, "get?name=user"));
  }

  @Test
  void anExpiredSessionIsGoneEverywhereAndDestroyedOnce() throws Exception {
    Browser browser = new Browser();
    int destroyed = appA.listener.destroyed.get() + appB.listener.destroyed.get();
    int unbound = CountingBinding.UNBOUND.get();
    browser.get(a, "set?name=user&value=frank");
    browser.get(b, "bind?name=binding&value=y");
    browser.get(a, "max-inactive?seconds=1");
    Await.until("the session to be destroyed", () ->
        appA.listener.destroyed.get() + appB.listener.destroyed.get() == destroyed + 1
            && CountingBinding.UNBOUND.get() == unbound + 1);
    assertEquals("no-session", browser.get(a, "get?name=user"));
    assertEquals("no-session", browser.get(b, "get?name=user"));
    store.cleanUp();
    assertEquals(destroyed + 1, appA.listener.destroyed.get() + appB.listener.destroyed.get());
    assertEquals(unbound + 1, CountingBinding.UNBOUND.get());
  }

  @Test
  void aRedirectFromAToBSeesTheChange() throws Exception {
    Browser browser = new Browser();
    browser.get(a, "create");
    String key = UUID.randomUUID().toString();
    String to = b.resolve("get?name=r").toString();
    assertEquals("moved", browser.get(a, "redirect?name=r&value=moved&key=" + key + "&to="
        + URLEncoder.encode(to, StandardCharsets.UTF_8)));
    assertEquals("moved", AppServlet.probe(key), "B, before A's redirect returned");
  }

  /**
   * Failover on a store and nodes of its own: sessions created and changed on A; then A's
   * container stops and its member leaves the cluster (its cache manager closes); every session
   * continues on B with nothing lost, and nothing is destroyed by the failover.
   */
  @Test
  void failoverStopAContinueOnBWithNothingLost() throws Exception {
    try (SharedStore own = SharedStore.fromSystemProperty()) {
      WebApp onA = new WebApp(new TandemSessionFilter(own.cacheFor(0)), Map.of());
      WebApp onB = new WebApp(new TandemSessionFilter(own.cacheFor(1)), Map.of());
      ServerNode nodeOfA = containers().start(onA);
      try (ServerNode nodeOfB = containers().start(onB)) {
        URI oldA = nodeOfA.base();
        URI newB = nodeOfB.base();
        // enough sessions that A was the primary of some (keys spread by hashing)
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          Browser browser = new Browser();
          browser.get(oldA, "set?name=cart&value=item" + i);
          browser.get(oldA, "append?name=list&value=" + i);
          browser.get(newB, "bind?name=binding&value=b" + i);
          browsers.add(browser);
        }
        nodeOfA.close();
        own.closeMember(0);
        for (int i = 0; i < browsers.size(); i++) {
          Browser browser = browsers.get(i);
          assertEquals("item" + i, browser.get(newB, "get?name=cart"));
          assertEquals("[" + i + "]", browser.get(newB, "get?name=list"));
          assertEquals("binding,cart,list", browser.get(newB, "names"));
          browser.get(newB, "append?name=list&value=after");
          assertEquals("[" + i + ", after]", browser.get(newB, "get?name=list"));
          assertTrue(browser.get(newB, "create").endsWith("new=false"));
        }
        assertEquals(0, onA.listener.destroyed.get() + onB.listener.destroyed.get(),
            "the failover destroyed no session");
      } finally {
        nodeOfA.close(); // idempotent
      }
    }
  }

  @Test
  void invalidatedOnAIsGoneOnB() throws Exception {
    Browser browser = new Browser();
    browser.get(a, "set?name=user&value=gina");
    assertEquals("invalidated", browser.get(b, "invalidate"));
    assertEquals("no-session", browser.get(a, "get?name=user"));
  }
}
