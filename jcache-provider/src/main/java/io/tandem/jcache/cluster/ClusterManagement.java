package io.tandem.jcache.cluster;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jgroups.Address;

/**
 * The {@link ClusterMXBean} of one CacheManager's {@link ClusterMembership}, and its registration
 * in the platform MBeanServer under {@code io.tandem:type=Cluster,CacheManager=<uri>}.
 */
public final class ClusterManagement implements ClusterMXBean {

  /** Tandem's own JMX domain; {@code javax.cache} is reserved for the MXBeans JCache defines. */
  public static final String DOMAIN = "io.tandem";

  private final ClusterMembership membership;
  private final ObjectName name;

  public ClusterManagement(ClusterMembership membership, String managerUri) {
    this.membership = Objects.requireNonNull(membership, "membership");
    this.name = objectName(managerUri);
  }

  /** {@code io.tandem:type=Cluster,CacheManager=<uri>}, the URI quoted as JMX requires. */
  public static ObjectName objectName(String managerUri) {
    Objects.requireNonNull(managerUri, "managerUri");
    try {
      return new ObjectName(DOMAIN + ":type=Cluster,CacheManager=" + ObjectName.quote(managerUri));
    } catch (MalformedObjectNameException e) {
      throw new ClusterException("Illegal MXBean name for cache manager " + managerUri, e);
    }
  }

  public ObjectName objectName() {
    return name;
  }

  /** Registers this bean unless one of its name is already there. */
  public void register() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(this, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently: fine
    } catch (Exception e) {
      throw new ClusterException("Could not register the cluster MXBean " + name, e);
    }
  }

  /** Unregisters the bean of this name, if any. */
  public void unregister() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // unregistered concurrently: fine
    } catch (Exception e) {
      throw new ClusterException("Could not unregister the cluster MXBean " + name, e);
    }
  }

  private ClusterTopology topologyOrNull() {
    try {
      return membership.isRunning() ? membership.topology() : null;
    } catch (IllegalStateException e) {
      return null; // closed concurrently
    }
  }

  @Override
  public String getClusterName() {
    String cluster = membership.clusterName();
    return cluster == null ? "" : cluster;
  }

  @Override
  public boolean isRunning() {
    return membership.isRunning();
  }

  @Override
  public List<String> getMembers() {
    ClusterTopology t = topologyOrNull();
    return t == null ? List.of() : t.members().stream().map(Address::toString).toList();
  }

  @Override
  public int getMemberCount() {
    ClusterTopology t = topologyOrNull();
    return t == null ? 0 : t.members().size();
  }

  @Override
  public String getViewId() {
    ClusterTopology t = topologyOrNull();
    return t == null ? "" : t.view().getViewId().toString();
  }

  @Override
  public String getCoordinator() {
    ClusterTopology t = topologyOrNull();
    return t == null ? "" : String.valueOf(t.coordinator());
  }

  @Override
  public boolean isLocalMemberCoordinator() {
    ClusterTopology t = topologyOrNull();
    return t != null && t.coordinator().equals(localOrNull());
  }

  @Override
  public String getLocalAddress() {
    Address local = localOrNull();
    return local == null ? "" : local.toString();
  }

  @Override
  public int getSegmentCount() {
    return membership.segments().count();
  }

  @Override
  public int getPrimarySegments() {
    ClusterTopology t = topologyOrNull();
    Address local = localOrNull();
    return t == null || local == null ? 0 : t.owners().primaryCount(local);
  }

  private Address localOrNull() {
    try {
      return membership.isRunning() ? membership.localAddress() : null;
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
