package io.tandem.jcache.cluster;

import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.UUID;

/**
 * A CacheManager's membership in a cluster: one JGroups channel, the current view and the segment
 * owners computed from it.
 *
 * <p>Owners are recomputed on every view, by every member, from the view alone, so all members agree
 * without a message ({@link SegmentOwners}). Members are identified by the long form of their JGroups
 * UUID ({@link #identityOf}), which is the same on every node, not by their logical names.
 *
 * <p>Life cycle: {@link #start} once, {@link #close} once (idempotent). Thread-safe: the topology is
 * replaced atomically, and readers see either the old or the new one.
 */
public final class ClusterMembership implements AutoCloseable {

  private static final Logger LOG = System.getLogger(ClusterMembership.class.getName());

  private final Segments segments;
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private JChannel channel;
  private String clusterName;
  private volatile ClusterTopology topology;
  private volatile boolean closed;

  /** A membership placing keys in {@code segments}; the count must be the same on every member. */
  public ClusterMembership(Segments segments) {
    this.segments = Objects.requireNonNull(segments, "segments");
  }

  /** A membership with {@value Segments#DEFAULT_COUNT} segments. */
  public ClusterMembership() {
    this(Segments.defaults());
  }

  /**
   * Joins {@code clusterName} with one of the shipped stacks; returns once this member has a view
   * (alone, or with the members it found).
   */
  public ClusterMembership start(String clusterName, ClusterStack stack) {
    Objects.requireNonNull(stack, "stack");
    try (InputStream in = stack.open()) {
      return start(clusterName, in, stack.fileName());
    } catch (java.io.IOException e) {
      throw new ClusterException("Could not read JGroups stack " + stack.fileName(), e);
    }
  }

  /**
   * Joins {@code clusterName} with a JGroups XML configuration read from {@code stackXml}
   * ({@code description} names it in error messages).
   */
  public ClusterMembership start(String clusterName, InputStream stackXml, String description) {
    Objects.requireNonNull(stackXml, "stackXml");
    requireClusterName(clusterName);
    JChannel created;
    try {
      created = new JChannel(stackXml);
    } catch (Exception e) {
      throw new ClusterException("Invalid JGroups stack " + description + ": " + e.getMessage(), e);
    }
    return start(clusterName, created);
  }

  /** Joins {@code clusterName} with a channel the caller built; this membership then owns it. */
  public ClusterMembership start(String clusterName, JChannel unconnected) {
    requireClusterName(clusterName);
    Objects.requireNonNull(unconnected, "channel");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("membership is closed");
      }
      if (channel != null) {
        throw new IllegalStateException("membership already started in cluster " + this.clusterName);
      }
      channel = unconnected;
      this.clusterName = clusterName;
    }
    unconnected.setReceiver(new Receiver() {
      @Override
      public void viewAccepted(View view) {
        install(view);
      }
    });
    try {
      unconnected.connect(clusterName);
    } catch (Exception e) {
      unconnected.close();
      throw new ClusterException("Could not join cluster '" + clusterName + "': " + e.getMessage(), e);
    }
    View view = unconnected.getView();
    if (view != null && topology == null) {
      install(view); // JGroups normally delivered it during connect already
    }
    return this;
  }

  private static void requireClusterName(String clusterName) {
    if (clusterName == null || clusterName.isBlank()) {
      throw new IllegalArgumentException("cluster name must not be empty");
    }
  }

  /**
   * Installs {@code view}. JGroups delivers views one at a time and in order; the only duplicate is
   * the first view, which {@link #start} installs itself if the callback has not.
   */
  private void install(View view) {
    // listeners are told under the lock too, so they see topologies in installation order
    synchronized (lock) {
      ClusterTopology previous = topology;
      if (closed || previous != null && previous.view().getViewId().equals(view.getViewId())) {
        return;
      }
      ClusterTopology current = ClusterTopology.of(view, segments);
      topology = current;
      LOG.log(Level.DEBUG, () -> "cluster " + clusterName + ": view " + view);
      for (MembershipListener listener : listeners) {
        try {
          listener.topologyChanged(previous, current);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "membership listener " + listener + " failed on view " + view, e);
        }
      }
    }
  }

  /** Adds a listener of view changes; it is told of views installed from now on. */
  public void addListener(MembershipListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(MembershipListener listener) {
    listeners.remove(listener);
  }

  /** The current topology. @throws IllegalStateException before {@link #start} or after close */
  public ClusterTopology topology() {
    ClusterTopology t = topology;
    if (t == null || closed) {
      throw new IllegalStateException(closed ? "membership is closed" : "membership not started");
    }
    return t;
  }

  public boolean isRunning() {
    return topology != null && !closed;
  }

  public Segments segments() {
    return segments;
  }

  public String clusterName() {
    return clusterName;
  }

  /** This member's address. */
  public Address localAddress() {
    topology();
    return channel.getAddress();
  }

  public View view() {
    return topology().view();
  }

  public List<Address> members() {
    return topology().members();
  }

  public Address coordinator() {
    return topology().coordinator();
  }

  public boolean isCoordinator() {
    return localAddress().equals(coordinator());
  }

  public SegmentOwners<Address> owners() {
    return topology().owners();
  }

  /** The channel, for the layers built on it (command transport, state transfer). */
  public JChannel channel() {
    topology();
    return channel;
  }

  /** Leaves the cluster and closes the channel. Idempotent. */
  @Override
  public void close() {
    JChannel toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = channel;
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  /**
   * A member's identity for owner computation: the long form of its JGroups UUID, the same string
   * on every node (unlike {@code toString()}, which prints the logical name when one is known).
   */
  public static String identityOf(Address address) {
    if (address instanceof UUID uuid) {
      return uuid.toStringLong();
    }
    return address.toString();
  }

  @Override
  public String toString() {
    ClusterTopology t = topology;
    return "ClusterMembership[" + clusterName + ", " + (t == null ? "not started" : t.view()) + "]";
  }
}
