package io.tandem.jcache.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The owners of every segment for one membership: an ordered list per segment, primary first.
 *
 * <p>Owners are chosen by rendezvous (highest-random-weight) hashing: for each segment every member
 * gets a score, a 64-bit mix of the segment number and a hash of the member's <em>identity</em>, and
 * the members sorted by descending score are the segment's owners. The identity must be a string
 * that every node spells the same way for that member (for a JGroups address, its UUID in long form;
 * see {@link ClusterNode#identity}), so every member computing the owners from the same view
 * gets the same answer without exchanging a message. Ties, which need a 64-bit collision, are broken
 * by identity.
 *
 * <p>Because a member's score for a segment does not depend on the other members, removing a member
 * moves only the segments it owned (on average {@code 1/N} of the primaries), and adding a member
 * moves to it only the segments it now wins.
 *
 * <p>Instances are immutable and thread-safe. Construction costs
 * {@code O(segments * members * log members)}; lookups are array reads.
 *
 * @param <M> the member type, e.g. {@code org.jgroups.Address} or {@code String}
 */
public final class SegmentOwners<M> {

  private static final long SEGMENT_SALT = 0x2545f4914f6cdd1dL;

  private final List<M> members;
  private final String[] identities;
  private final int[][] order;
  private final int[] primaryCounts;
  private final Map<M, Integer> indexOf;

  private SegmentOwners(List<M> members, int segmentCount, Function<? super M, String> identity) {
    this.members = List.copyOf(members);
    int n = this.members.size();
    this.identities = new String[n];
    long[] memberHashes = new long[n];
    this.indexOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      M member = this.members.get(i);
      String id = Objects.requireNonNull(identity.apply(member), "identity of " + member);
      identities[i] = id;
      memberHashes[i] = Hashing.hash64(id);
      if (indexOf.putIfAbsent(member, i) != null) {
        throw new IllegalArgumentException("member listed twice: " + member);
      }
    }
    if (new java.util.HashSet<>(Arrays.asList(identities)).size() != n) {
      throw new IllegalArgumentException("two members share an identity: " + Arrays.toString(identities));
    }
    this.order = new int[segmentCount][];
    this.primaryCounts = new int[n];
    Integer[] idx = new Integer[n];
    long[] scores = new long[n];
    for (int segment = 0; segment < segmentCount; segment++) {
      long segmentHash = Hashing.fmix64((segment + 1) * SEGMENT_SALT);
      for (int i = 0; i < n; i++) {
        scores[i] = Hashing.fmix64(memberHashes[i] ^ segmentHash);
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> {
        int c = Long.compareUnsigned(scores[b], scores[a]);
        return c != 0 ? c : identities[a].compareTo(identities[b]);
      });
      int[] ranked = new int[n];
      for (int i = 0; i < n; i++) {
        ranked[i] = idx[i];
      }
      order[segment] = ranked;
      if (n > 0) {
        primaryCounts[ranked[0]]++;
      }
    }
  }

  /**
   * The owners of {@code segmentCount} segments among {@code members}.
   *
   * @param identity a member's identity, the same string on every node
   * @throws IllegalArgumentException if a member is listed twice or two share an identity
   */
  public static <M> SegmentOwners<M> compute(
      List<M> members, int segmentCount, Function<? super M, String> identity) {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(identity, "identity");
    if (segmentCount < 1) {
      throw new IllegalArgumentException("segment count must be positive, was " + segmentCount);
    }
    return new SegmentOwners<>(members, segmentCount, identity);
  }

  /** The owners of {@code segments.count()} segments among members identified by their strings. */
  public static SegmentOwners<String> ofIdentities(List<String> members, Segments segments) {
    return compute(members, segments.count(), Function.identity());
  }

  public List<M> members() {
    return members;
  }

  public int segmentCount() {
    return order.length;
  }

  /**
   * The primary owner of {@code segment}.
   *
   * @throws IllegalStateException if there are no members
   */
  public M primary(int segment) {
    int[] ranked = ranked(segment);
    if (ranked.length == 0) {
      throw new IllegalStateException("no members, so segment " + segment + " has no owner");
    }
    return members.get(ranked[0]);
  }

  /** The first {@code n} owners of {@code segment}, primary first (fewer if there are fewer members). */
  public List<M> owners(int segment, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    int[] ranked = ranked(segment);
    int size = Math.min(n, ranked.length);
    List<M> owners = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      owners.add(members.get(ranked[i]));
    }
    return Collections.unmodifiableList(owners);
  }

  /** Whether {@code member} is among the first {@code n} owners of {@code segment}. */
  public boolean isOwner(M member, int segment, int n) {
    Integer index = indexOf.get(member);
    if (index == null) {
      return false;
    }
    int[] ranked = ranked(segment);
    for (int i = 0; i < Math.min(n, ranked.length); i++) {
      if (ranked[i] == index) {
        return true;
      }
    }
    return false;
  }

  /** How many segments {@code member} is the primary of (0 if it is not a member). */
  public int primaryCount(M member) {
    Integer index = indexOf.get(member);
    return index == null ? 0 : primaryCounts[index];
  }

  /** The segments {@code member} is the primary of, in ascending order. */
  public int[] primarySegments(M member) {
    Integer index = indexOf.get(member);
    if (index == null) {
      return new int[0];
    }
    int[] result = new int[primaryCounts[index]];
    int k = 0;
    for (int segment = 0; segment < order.length; segment++) {
      if (order[segment][0] == index) {
        result[k++] = segment;
      }
    }
    return result;
  }

  private int[] ranked(int segment) {
    if (segment < 0 || segment >= order.length) {
      throw new IndexOutOfBoundsException(
          "segment " + segment + " not in [0, " + order.length + ")");
    }
    return order[segment];
  }

  @Override
  public String toString() {
    return "SegmentOwners[" + order.length + " segments, members=" + members + "]";
  }
}
