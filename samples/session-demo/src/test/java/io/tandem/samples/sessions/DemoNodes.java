package io.tandem.samples.sessions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A demo cluster for tests: free ports on 127.0.0.1, a cluster name of its own. */
final class DemoNodes {

  private DemoNodes() {}

  static DemoCluster start(int count) throws Exception {
    List<Integer> ports = freePorts(2 * count);
    DemoCluster cluster = new DemoCluster("session-demo-test-" + UUID.randomUUID(),
        ports.subList(0, count), ports.subList(count, 2 * count));
    try {
      cluster.start();
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Ports free now, all different (held open together while choosing). */
  private static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
