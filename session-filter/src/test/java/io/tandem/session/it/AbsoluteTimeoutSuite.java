package io.tandem.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.session.TandemSessionFilter;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code absolute-timeout} init-parameter (OWASP's absolute timeout): a session ends that
 * many seconds after its creation however active it is; neither activity, a longer idle limit
 * nor {@code changeSessionId} moves the deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbsoluteTimeoutSuite {

  private static final long ABSOLUTE_MILLIS = 3_000;
  /** How late past the deadline a request may still see the session: none, plus clock reads. */
  private static final long LATE_MILLIS = 500;

  private ServerNode node;
  private WebApp app;
  private URI base;

  abstract ServerNode.Factory containers();

  @BeforeAll
  void start() throws Exception {
    app = new WebApp(new TandemSessionFilter(), Map.of(
        "cache-manager-uri", "classpath:tandem-sessions-it.xml",
        "cache-name", "absolute-" + UUID.randomUUID(),
        "absolute-timeout", Long.toString(ABSOLUTE_MILLIS / 1000),
        "max-inactive-interval", "600"));
    node = containers().start(app);
    base = node.base();
    ContainerCheck.check(base);
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
  }

  /**
   * Uses the session every 100 ms until it is gone; asserts it was there until its deadline
   * and gone from then on; returns when it ended.
   */
  private long useUntilGone(Browser b, long created) throws Exception {
    long deadline = created + ABSOLUTE_MILLIS;
    while (true) {
      long before = System.currentTimeMillis();
      String got = b.get(base, "get?name=user");
      long after = System.currentTimeMillis();
      if (got.equals("no-session")) {
        assertTrue(after >= deadline, "ended " + (deadline - after) + " ms before its deadline");
        return after;
      }
      assertTrue(before < deadline + LATE_MILLIS,
          "still there " + (before - deadline) + " ms after its deadline");
      Thread.sleep(100);
    }
  }

  @Test
  void anActiveSessionEndsAtItsAbsoluteDeadline() throws Exception {
    Browser b = new Browser();
    int destroyed = app.listener.destroyed.get();
    b.get(base, "set?name=user&value=busy");
    b.get(base, "max-inactive?seconds=3600"); // a longer idle limit does not move the deadline
    String[] times = b.get(base, "times").split(" ");
    assertEquals("3600", times[2]);
    long created = Long.parseLong(times[0]);
    useUntilGone(b, created);
    String fresh = b.get(base, "create");
    assertTrue(fresh.endsWith("new=true"), "a new session after the deadline: " + fresh);
    Await.until("sessionDestroyed for the ended session",
        () -> app.listener.destroyed.get() >= destroyed + 1);
  }

  @Test
  void changeSessionIdKeepsTheDeadline() throws Exception {
    Browser b = new Browser();
    b.get(base, "set?name=user&value=rotating");
    long created = Long.parseLong(b.get(base, "times").split(" ")[0]);
    Thread.sleep(ABSOLUTE_MILLIS / 2);
    String[] ids = b.get(base, "change-id").split(" ");
    assertNotEquals(ids[0], ids[1]);
    assertEquals(created, Long.parseLong(b.get(base, "times").split(" ")[0]),
        "the creation time goes with the session");
    useUntilGone(b, created);
  }

  @Test
  void withoutActivityTheIdleLimitStillApplies() throws Exception {
    Browser b = new Browser();
    b.get(base, "set?name=user&value=idle");
    b.get(base, "max-inactive?seconds=1");
    long accessed = Long.parseLong(b.get(base, "times").split(" ")[1]);
    Thread.sleep(1_500);
    assertEquals("no-session", b.get(base, "get?name=user"));
    assertTrue(System.currentTimeMillis() - accessed < ABSOLUTE_MILLIS,
        "gone by its idle limit, before the absolute deadline");
  }
}
