package io.tandem.session.spring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.session.events.AbstractSessionEvent;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;

/**
 * The Spring session events the repositories of several members publish, as
 * {@code "member:kind:id"}, with a way to know that every event of what a test did is out
 * without waiting for a while.
 *
 * <p>How: a member publishes its events one after the other in the order it applied the changes
 * ({@code SessionEvents}). So once a session saved after those changes (a sentinel) has been
 * announced as created by a member, that member has published everything before it. Sentinels
 * are saved until each member has announced one (a session's primary, which announces it,
 * follows from its random id); their own events are left out of what this class reports.
 */
final class PublishedEvents {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, TandemIndexedSessionRepository> members = new LinkedHashMap<>();
  private final Set<String> sentinels = new HashSet<>();

  /** Records what {@code repository} publishes, as the events of {@code member}. */
  void listenTo(String member, TandemIndexedSessionRepository repository) {
    members.put(member, repository);
    repository.setApplicationEventPublisher(event -> events.add(member + ":" + name(event)));
  }

  private static String name(Object event) {
    String kind = event instanceof SessionCreatedEvent ? "created"
        : event instanceof SessionDeletedEvent ? "deleted"
        : event instanceof SessionExpiredEvent ? "expired"
        : event.getClass().getSimpleName();
    return event instanceof AbstractSessionEvent e ? kind + ":" + e.getSessionId() : kind;
  }

  /** Every event published so far, once all that the test's changes raise are out. */
  List<String> all() {
    drain();
    List<String> seen = new ArrayList<>();
    for (String event : events) {
      if (!sentinels.contains(event.substring(event.lastIndexOf(':') + 1))) {
        seen.add(event);
      }
    }
    return seen;
  }

  /** {@link #all()} without the publishing member, "kind:id": one line per cluster-wide event. */
  List<String> cluster() {
    return all().stream().map(e -> e.substring(e.indexOf(':') + 1)).toList();
  }

  /** Waits until {@code kind:id} has been published by some member. */
  void await(String kindAndId) {
    TandemIndexedSessionRepositoryTest.await(kindAndId,
        () -> events.stream().anyMatch(e -> e.endsWith(":" + kindAndId)));
  }

  private void drain() {
    TandemIndexedSessionRepository saver = members.values().iterator().next();
    Set<String> announced = new HashSet<>();
    for (int i = 0; announced.size() < members.size(); i++) {
      if (i == 64) {
        throw new AssertionError("64 sentinel sessions, and not every member announced one: "
            + announced);
      }
      TandemSpringSession sentinel = saver.createSession();
      sentinels.add(sentinel.getId());
      saver.save(sentinel);
      String created = "created:" + sentinel.getId();
      await(created);
      events.stream().filter(e -> e.endsWith(":" + created))
          .forEach(e -> announced.add(e.substring(0, e.indexOf(':'))));
    }
  }
}
