package io.tandem.jcache.cluster;

import java.util.List;

/**
 * The cluster as seen by one CacheManager, registered as
 * {@code io.tandem:type=Cluster,CacheManager=<uri>} (never in the {@code javax.cache} domain).
 * Before the membership starts and after it closes, the attributes describe no cluster:
 * {@code running} is false, lists are empty and strings are empty.
 */
public interface ClusterMXBean {

  /** The JGroups cluster name. */
  String getClusterName();

  /** Whether this member is in a cluster now. */
  boolean isRunning();

  /** The members of the current view, coordinator first. */
  List<String> getMembers();

  int getMemberCount();

  /** The current view's id, e.g. {@code [node-a-1234|3]}. */
  String getViewId();

  String getCoordinator();

  /** Whether this member is the coordinator. */
  boolean isLocalMemberCoordinator();

  /** This member's address. */
  String getLocalAddress();

  /** The total number of segments. */
  int getSegmentCount();

  /** The number of segments this member is the primary owner of. */
  int getPrimarySegments();

  /** Members that hold every entry and own keys; fewer than MemberCount while one is joining. */
  int getReadyMemberCount();

  /** Whether every member of the view is ready: no state transfer is under way. */
  boolean isStable();

  /** This member's state transfer when it joined: 0 to 100 (100 once it holds every entry). */
  int getStateTransferPercent();

  /** Whether this member rejects writes as a minority partition (partition-handling=deny-writes). */
  boolean isDegraded();
}
