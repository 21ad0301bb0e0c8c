package io.tandem.jcache.cluster;

import java.util.List;
import java.util.Objects;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;

/**
 * One membership of the cluster, as every member sees it: the JGroups view and the segment owners
 * computed from it. Immutable; a new one is made for every view.
 *
 * @param view the JGroups view (members in the order JGroups gives, coordinator first)
 * @param owners the owners of every segment among the view's members
 */
public record ClusterTopology(View view, SegmentOwners<Address> owners) {

  public ClusterTopology {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(owners, "owners");
  }

  static ClusterTopology of(View view, Segments segments) {
    return new ClusterTopology(view,
        SegmentOwners.compute(view.getMembers(), segments.count(), ClusterMembership::identityOf));
  }

  public List<Address> members() {
    return view.getMembers();
  }

  public Address coordinator() {
    return view.getCoord();
  }

  /** The view's id, {@code [coordinator|n]}: ordered, so a later view has a larger id. */
  public long viewId() {
    return view.getViewId().getId();
  }

  /** Whether this view is the result of a merge of partitions (JGroups MERGE3). */
  public boolean isMerge() {
    return view instanceof MergeView;
  }
}
