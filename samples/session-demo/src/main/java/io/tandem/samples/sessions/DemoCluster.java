package io.tandem.samples.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's nodes in this JVM: node {@code i} listens for HTTP on {@code httpPort + i} and for
 * the cluster on {@code clusterPort + i} (or on ports given one by one), all on 127.0.0.1, in the cluster {@code clusterName}
 * (TCP stack, members found from the list of every node's cluster port).
 */
public final class DemoCluster implements AutoCloseable {

  private final String clusterName;
  private final List<DemoNode> nodes = new ArrayList<>();

  public DemoCluster(String clusterName, int count, int httpPort, int clusterPort) {
    this(clusterName, range(httpPort, count), range(clusterPort, count));
  }

  /** Node {@code i} on HTTP port {@code httpPorts.get(i)}, cluster port {@code clusterPorts.get(i)}. */
  public DemoCluster(String clusterName, List<Integer> httpPorts, List<Integer> clusterPorts) {
    if (httpPorts.size() != clusterPorts.size() || httpPorts.isEmpty()) {
      throw new IllegalArgumentException("one HTTP port and one cluster port per node");
    }
    this.clusterName = clusterName;
    for (int i = 0; i < httpPorts.size(); i++) {
      nodes.add(new DemoNode(this, i, httpPorts.get(i), clusterPorts.get(i)));
    }
  }

  private static List<Integer> range(int first, int count) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(first + i);
    }
    return ports;
  }

  /** Starts every node, one after the other (each joins the ones before it). */
  public void start() throws Exception {
    for (DemoNode node : nodes) {
      node.start();
    }
  }

  public List<DemoNode> nodes() {
    return List.copyOf(nodes);
  }

  public DemoNode node(int index) {
    return nodes.get(index);
  }

  String clusterName() {
    return clusterName;
  }

  /** The member list every node is given: {@code 127.0.0.1[port],...}. */
  String members() {
    return nodes.stream().map(n -> "127.0.0.1[" + n.clusterPort() + "]")
        .collect(Collectors.joining(","));
  }

  /** The first running node after {@code from}, in order and round the ring, or null. */
  DemoNode nextRunning(DemoNode from) {
    for (int i = 1; i <= nodes.size(); i++) {
      DemoNode n = nodes.get((from.index() + i) % nodes.size());
      if (n.isRunning()) {
        return n;
      }
    }
    return null;
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop();
    }
  }
}
