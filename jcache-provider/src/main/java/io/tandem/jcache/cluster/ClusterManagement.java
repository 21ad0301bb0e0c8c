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
import org.jgroups.View;

/**
 * The {@link ClusterMXBean} of one CacheManager's {@link ClusterNode}, and its registration
 * in the platform MBeanServer under {@code io.tandem:type=Cluster,CacheManager=<uri>}.
 */
public final class ClusterManagement implements ClusterMXBean {

  /** Tandem's own JMX domain; {@code javax.cache} is reserved for the MXBeans JCache defines. */
  public static final String DOMAIN = "io.tandem";

  private final ClusterNode node;
  private final ObjectName name;

  public ClusterManagement(ClusterNode node, String managerUri) {
    this.node = Objects.requireNonNull(node, "node");
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

  @Override
  public String getClusterName() {
    return node.clusterName();
  }

  @Override
  public boolean isRunning() {
    return node.isRunning();
  }

  @Override
  public List<String> getMembers() {
    View v = node.view();
    return v == null ? List.of() : v.getMembers().stream().map(Address::toString).toList();
  }

  @Override
  public int getMemberCount() {
    View v = node.view();
    return v == null ? 0 : v.size();
  }

  @Override
  public String getViewId() {
    View v = node.view();
    return v == null ? "" : v.getViewId().toString();
  }

  @Override
  public String getCoordinator() {
    View v = node.view();
    return v == null ? "" : String.valueOf(v.getCoord());
  }

  @Override
  public boolean isLocalMemberCoordinator() {
    View v = node.view();
    return v != null && v.getCoord().equals(node.address());
  }

  @Override
  public String getLocalAddress() {
    Address local = node.address();
    return local == null ? "" : local.toString();
  }

  @Override
  public int getSegmentCount() {
    return node.segmentCount();
  }

  @Override
  public int getPrimarySegments() {
    return node.primarySegments();
  }

  @Override
  public int getReadyMemberCount() {
    return node.readyMemberCount();
  }

  @Override
  public boolean isStable() {
    return node.isStable();
  }

  @Override
  public int getStateTransferPercent() {
    return node.stateTransferPercent();
  }

  @Override
  public boolean isDegraded() {
    return node.isDegraded();
  }
}
