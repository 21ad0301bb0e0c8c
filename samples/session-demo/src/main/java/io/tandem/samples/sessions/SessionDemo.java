package io.tandem.samples.sessions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Starts three nodes on 127.0.0.1 (HTTP 8081-8083, cluster 7801-7803) in this JVM, each an
 * embedded Tomcat with the Tandem session filter and its own member of one cluster, then reads
 * commands from the terminal: {@code stop N}, {@code start N}, {@code status}, {@code quit}.
 *
 * <p>Options: {@code --nodes 3 --http-port 8081 --cluster-port 7801 --cluster-name NAME}
 * (through exec:java: {@code -Dexec.args="--nodes 2"}).
 */
public final class SessionDemo {

  private SessionDemo() {}

  public static void main(String[] args) throws Exception {
    int nodes = 3;
    int httpPort = 8081;
    int clusterPort = 7801;
    String clusterName = "tandem-session-demo";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
        case "--http-port" -> httpPort = Integer.parseInt(args[i + 1]);
        case "--cluster-port" -> clusterPort = Integer.parseInt(args[i + 1]);
        case "--cluster-name" -> clusterName = args[i + 1];
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + "; known: --nodes, --http-port, --cluster-port, --cluster-name");
      }
    }
    DemoCluster cluster = new DemoCluster(clusterName, nodes, httpPort, clusterPort);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "demo-shutdown"));
    cluster.start();
    System.out.println();
    System.out.println("Tandem session demo: " + nodes + " nodes of cluster " + clusterName);
    status(cluster);
    System.out.println("Open one in a browser; stop a node with its page's Stop button or here.");
    System.out.println("Commands: stop N | start N | status | quit   (Ctrl-C stops everything)");

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] words = line.trim().split("\\s+");
      try {
        switch (words[0]) {
          case "stop" -> {
            DemoNode node = cluster.node(Integer.parseInt(words[1]) - 1);
            node.stop();
            System.out.println(node.name() + " stopped (container and cluster member)");
          }
          case "start" -> {
            DemoNode node = cluster.node(Integer.parseInt(words[1]) - 1);
            node.start();
            System.out.println(node.name() + " started and joined at " + node.url());
          }
          case "status" -> status(cluster);
          case "quit", "exit" -> {
            cluster.close();
            System.exit(0);
          }
          case "" -> { }
          default -> System.out.println("Commands: stop N | start N | status | quit");
        }
      } catch (RuntimeException e) {
        System.out.println("Cannot: " + e.getMessage()
            + " (node numbers are 1 to " + nodes + ")");
      }
    }
    // stdin closed (run in the background): keep serving until the JVM is stopped
    Thread.currentThread().join();
  }

  private static void status(DemoCluster cluster) {
    for (DemoNode node : cluster.nodes()) {
      System.out.println("  " + node.name() + "  " + node.url() + "  cluster port "
          + node.clusterPort() + (node.isRunning() ? "  running" : "  stopped"));
    }
  }
}
