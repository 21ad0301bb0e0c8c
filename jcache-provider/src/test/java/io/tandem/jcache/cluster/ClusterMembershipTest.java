package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterMembershipTest {

  private final List<ClusterMembership> started = new ArrayList<>();

  @BeforeAll
  static void ipv4() {
    System.setProperty("java.net.preferIPv4Stack", "true");
  }

  @AfterEach
  void closeAll() {
    started.forEach(ClusterMembership::close);
  }

  private static String uniqueCluster() {
    return "membership-test-" + UUID.randomUUID();
  }

  private ClusterMembership join(String cluster) {
    ClusterMembership m = new ClusterMembership().start(cluster, ClusterStack.LOOPBACK);
    started.add(m);
    return m;
  }

  private static void awaitSameView(List<ClusterMembership> members) {
    Await.until(() -> {
      for (ClusterMembership m : members) {
        if (m.members().size() != members.size()
            || !m.view().equals(members.get(0).view())) {
          return false;
        }
      }
      return true;
    }, () -> members.stream().map(m -> m.view().toString()).toList().toString());
  }

  private static void assertSameOwners(List<ClusterMembership> members) {
    SegmentOwners<Address> reference = members.get(0).owners();
    for (ClusterMembership m : members) {
      for (int s = 0; s < reference.segmentCount(); s++) {
        assertEquals(reference.owners(s, 3), m.owners().owners(s, 3), "segment " + s);
      }
    }
  }

  @Test
  void threeMembersAgreeOnThePrimaryOfEverySegment() {
    String cluster = uniqueCluster();
    List<ClusterMembership> members = List.of(join(cluster), join(cluster), join(cluster));
    awaitSameView(members);
    assertSameOwners(members);
    int total = 0;
    for (ClusterMembership m : members) {
      int held = m.owners().primaryCount(m.localAddress());
      assertTrue(held > 0, m.localAddress() + " holds no primary");
      total += held;
    }
    assertEquals(256, total);
  }

  @Test
  void afterOneLeavesTheSurvivorsAgreeOnTheNewOwnersAndOnlyItsSegmentsMove() {
    String cluster = uniqueCluster();
    ClusterMembership a = join(cluster);
    ClusterMembership b = join(cluster);
    ClusterMembership c = join(cluster);
    awaitSameView(List.of(a, b, c));
    SegmentOwners<Address> before = a.owners();
    Address leaving = b.localAddress();

    b.close();
    List<ClusterMembership> survivors = List.of(a, c);
    awaitSameView(survivors);
    assertSameOwners(survivors);
    SegmentOwners<Address> after = a.owners();
    assertFalse(after.members().contains(leaving));
    for (int s = 0; s < 256; s++) {
      if (before.primary(s).equals(leaving)) {
        assertNotEquals(leaving, after.primary(s));
      } else {
        assertEquals(before.primary(s), after.primary(s), "segment " + s + " moved needlessly");
      }
    }
  }

  @Test
  void theFirstMemberIsCoordinatorAndTheNextOneTakesOverWhenItLeaves() {
    String cluster = uniqueCluster();
    ClusterMembership a = join(cluster);
    assertTrue(a.isCoordinator());
    ClusterMembership b = join(cluster);
    awaitSameView(List.of(a, b));
    assertEquals(a.localAddress(), b.coordinator());
    assertFalse(b.isCoordinator());

    a.close();
    Await.until(() -> b.members().size() == 1, () -> b.view().toString());
    assertTrue(b.isCoordinator());
  }

  @Test
  void listenersSeeEveryViewInOrderWithThePreviousTopology() {
    String cluster = uniqueCluster();
    ClusterMembership a = join(cluster);
    List<long[]> seen = new CopyOnWriteArrayList<>();
    a.addListener((previous, current) ->
        seen.add(new long[] {previous == null ? -1 : previous.viewId(), current.viewId(),
            current.members().size()}));
    a.addListener((previous, current) -> {
      throw new IllegalStateException("a broken listener must not stop the others");
    });
    ClusterMembership b = join(cluster);
    awaitSameView(List.of(a, b));
    b.close();
    Await.until(() -> seen.size() == 2, seen::toString);
    assertEquals(2, seen.get(0)[2]);
    assertEquals(1, seen.get(1)[2]);
    assertEquals(seen.get(0)[1], seen.get(1)[0], "previous of the second is the first");
    assertTrue(seen.get(1)[1] > seen.get(0)[1]);
  }

  @Test
  void membersAreIdentifiedByTheirUuidNotTheirLogicalName() {
    ClusterMembership a = join(uniqueCluster());
    String identity = ClusterMembership.identityOf(a.localAddress());
    assertEquals(((org.jgroups.util.UUID) a.localAddress()).toStringLong(), identity);
    assertEquals(UUID.fromString(identity).toString(), identity);
  }

  @Test
  void closeIsIdempotentAndEndsTheMembership() {
    ClusterMembership a = join(uniqueCluster());
    assertTrue(a.isRunning());
    a.close();
    a.close();
    assertFalse(a.isRunning());
    assertThrows(IllegalStateException.class, a::members);
    assertThrows(IllegalStateException.class, () -> a.start("again", ClusterStack.LOOPBACK));
  }

  @Test
  void aBadStackOrClusterNameGetsAClearError() {
    ClusterMembership m = new ClusterMembership();
    ClusterException e = assertThrows(ClusterException.class, () -> m.start("x",
        new ByteArrayInputStream("<config><NO_SUCH_PROTOCOL/></config>"
            .getBytes(StandardCharsets.UTF_8)), "broken.xml"));
    assertTrue(e.getMessage().contains("broken.xml"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ClusterMembership().start(" ", ClusterStack.LOOPBACK));
    assertNull(new ClusterMembership().clusterName());
  }
}
