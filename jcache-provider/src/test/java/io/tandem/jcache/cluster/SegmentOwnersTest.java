package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentOwnersTest {

  private static final Segments SEGMENTS = Segments.defaults();

  private static List<String> members(int n, long seed) {
    Random random = new Random(seed);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    return members;
  }

  @Test
  void everyMemberComputingFromTheSameMembersGetsTheSameOwners() {
    List<String> members = members(5, 1);
    List<String> shuffled = new ArrayList<>(members);
    Collections.shuffle(shuffled, new Random(7));
    SegmentOwners<String> a = SegmentOwners.ofIdentities(members, SEGMENTS);
    SegmentOwners<String> b = SegmentOwners.ofIdentities(shuffled, SEGMENTS);
    for (int s = 0; s < SEGMENTS.count(); s++) {
      assertEquals(a.owners(s, 5), b.owners(s, 5), "segment " + s);
    }
  }

  @Test
  void ownersArePinnedAcrossReleases() {
    SegmentOwners<String> owners = SegmentOwners.ofIdentities(List.of("a", "b", "c"), SEGMENTS);
    StringBuilder primaries = new StringBuilder();
    for (int s = 0; s < 16; s++) {
      primaries.append(owners.primary(s));
    }
    assertEquals(PINNED_PRIMARIES, primaries.toString());
  }

  private static final String PINNED_PRIMARIES = "acccacccbbaaaccb";

  @Test
  void ownersAreDistinctMembersWithThePrimaryFirst() {
    List<String> members = members(4, 2);
    SegmentOwners<String> owners = SegmentOwners.ofIdentities(members, SEGMENTS);
    for (int s = 0; s < SEGMENTS.count(); s++) {
      List<String> all = owners.owners(s, 10);
      assertEquals(4, all.size());
      assertEquals(new HashSet<>(members), new HashSet<>(all));
      assertEquals(owners.primary(s), all.get(0));
      assertEquals(all.subList(0, 2), owners.owners(s, 2));
      assertTrue(owners.isOwner(all.get(1), s, 2));
      assertFalse(owners.isOwner(all.get(2), s, 2));
    }
  }

  @Test
  void primariesAreBalancedAmongMembers() {
    for (int n : new int[] {2, 3, 5, 8}) {
      List<String> members = members(n, 100 + n);
      SegmentOwners<String> owners = SegmentOwners.ofIdentities(members, SEGMENTS);
      int total = 0;
      double fair = (double) SEGMENTS.count() / n;
      for (String m : members) {
        int held = owners.primaryCount(m);
        total += held;
        assertEquals(held, owners.primarySegments(m).length);
        // binomial spread: 256 segments among 8 members is 32 +- 5.3; allow ~3.5 sigma
        assertTrue(held > fair * 0.4 && held < fair * 1.6, n + " members: " + m + " holds " + held);
      }
      assertEquals(SEGMENTS.count(), total);
    }
  }

  @Test
  void whenAMemberLeavesOnlyItsSegmentsMove() {
    int n = 4;
    List<String> before = members(n, 3);
    String leaving = before.get(2);
    List<String> after = new ArrayList<>(before);
    after.remove(leaving);
    SegmentOwners<String> old = SegmentOwners.ofIdentities(before, SEGMENTS);
    SegmentOwners<String> now = SegmentOwners.ofIdentities(after, SEGMENTS);
    int moved = 0;
    for (int s = 0; s < SEGMENTS.count(); s++) {
      if (old.primary(s).equals(leaving)) {
        moved++;
        assertNotEquals(leaving, now.primary(s));
        // the old backup takes over: the order of the survivors does not change
        assertEquals(old.owners(s, n).get(1), now.primary(s));
      } else {
        assertEquals(old.primary(s), now.primary(s), "segment " + s + " moved needlessly");
      }
      List<String> survivors = new ArrayList<>(old.owners(s, n));
      survivors.remove(leaving);
      assertEquals(survivors, now.owners(s, n));
    }
    assertEquals(old.primaryCount(leaving), moved);
    double fraction = (double) moved / SEGMENTS.count();
    assertTrue(fraction > 0.5 / n && fraction < 1.5 / n, "moved " + moved);
  }

  @Test
  void whenAMemberJoinsOnlySegmentsItWinsMoveToIt() {
    List<String> before = members(3, 4);
    List<String> after = new ArrayList<>(before);
    String joining = members(1, 99).get(0);
    after.add(1, joining);
    SegmentOwners<String> old = SegmentOwners.ofIdentities(before, SEGMENTS);
    SegmentOwners<String> now = SegmentOwners.ofIdentities(after, SEGMENTS);
    int moved = 0;
    for (int s = 0; s < SEGMENTS.count(); s++) {
      if (!old.primary(s).equals(now.primary(s))) {
        moved++;
        assertEquals(joining, now.primary(s));
      }
    }
    assertEquals(now.primaryCount(joining), moved);
    assertTrue(moved > 256 / 4 / 2 && moved < 256 / 4 * 3 / 2, "moved " + moved);
  }

  @Test
  void worksForAnyMemberTypeThroughItsIdentity() {
    record Node(UUID id) {}
    List<Node> nodes = List.of(new Node(new UUID(1, 2)), new Node(new UUID(3, 4)));
    SegmentOwners<Node> byNode = SegmentOwners.compute(nodes, 256, n -> n.id().toString());
    SegmentOwners<String> byString =
        SegmentOwners.ofIdentities(List.of(new UUID(1, 2).toString(), new UUID(3, 4).toString()),
            SEGMENTS);
    for (int s = 0; s < 256; s++) {
      assertEquals(byString.primary(s), byNode.primary(s).id().toString());
    }
  }

  @Test
  void aSingleMemberOwnsEverything() {
    SegmentOwners<String> owners = SegmentOwners.ofIdentities(List.of("only"), SEGMENTS);
    assertEquals(256, owners.primaryCount("only"));
    assertEquals(List.of("only"), owners.owners(17, 3));
    assertEquals(0, owners.primaryCount("stranger"));
  }

  @Test
  void rejectsBadInput() {
    SegmentOwners<String> empty = SegmentOwners.ofIdentities(List.of(), SEGMENTS);
    assertThrows(IllegalStateException.class, () -> empty.primary(0));
    assertEquals(List.of(), empty.owners(0, 2));
    assertThrows(IllegalArgumentException.class,
        () -> SegmentOwners.ofIdentities(List.of("a", "a"), SEGMENTS));
    assertThrows(IllegalArgumentException.class,
        () -> SegmentOwners.compute(List.of(1, 2), 8, i -> "same"));
    SegmentOwners<String> owners = SegmentOwners.ofIdentities(List.of("a"), SEGMENTS);
    assertThrows(IndexOutOfBoundsException.class, () -> owners.primary(256));
    assertThrows(IndexOutOfBoundsException.class, () -> owners.primary(-1));
  }
}
