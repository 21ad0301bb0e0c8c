package io.tandem.tck;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the other members of the TCK's cluster before any test runs, when the system property
 * {@code tck.cluster.peers} asks for some: each a {@link TckPeer} JVM on this test class path,
 * joining the cluster that {@code tandem.config} describes. Stops them when the run ends.
 *
 * <p>Peers live in JVMs of their own because the TCK counts the MBeans of the platform
 * MBeanServer and closes every cache manager of its provider: members in its own JVM would be
 * counted and closed with it.
 */
public final class ClusterPeers implements LauncherSessionListener {

  /** One set of peers per JVM, however many launcher sessions the test runner opens. */
  private static final List<Process> peers = new ArrayList<>();

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    int count = Integer.getInteger("tck.cluster.peers", 0);
    String config = System.getProperty("tandem.config");
    synchronized (peers) {
      if (count == 0 || config == null || !peers.isEmpty()) {
        return;
      }
      // A cluster name of this run's own: other builds on the machine may run the TCK too, and
      // members of two runs must never meet. The default cache manager reads tandem.config
      // whenever it opens, so the copy below is what the TCK's members and the peers join.
      String own = privateCopy(config);
      System.setProperty("tandem.config", own);
      start(count, own);
      Runtime.getRuntime().addShutdownHook(new Thread(ClusterPeers::stop, "tck-peers-stop"));
    }
  }

  private static String privateCopy(String config) {
    String resource = config.substring("classpath:".length());
    try (var in = ClusterPeers.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("tandem.config " + config + " not found");
      }
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String name = "tandem-tck-" + java.util.UUID.randomUUID();
      xml = xml.replaceFirst("name=\"tandem-tck\"", "name=\"" + name + "\"");
      var file = java.nio.file.Files.createTempFile("tandem-tck-cluster", ".xml");
      file.toFile().deleteOnExit();
      java.nio.file.Files.writeString(file, xml);
      System.out.println("[tck cluster] " + name + " configured by " + file.toUri());
      return file.toUri().toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Could not copy " + config, e);
    }
  }

  private static void start(int count, String config) {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    for (int i = 0; i < count; i++) {
      try {
        Process p = new ProcessBuilder(java, "-Djava.net.preferIPv4Stack=true",
            "-Dorg.jsr107.tck.support.server.address=127.0.0.1",
            "-cp", System.getProperty("java.class.path"), TckPeer.class.getName(), config)
            .redirectErrorStream(true)
            .start();
        peers.add(p);
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
          System.out.println("[tck peer " + i + "] " + line);
        }
        if (line == null) {
          throw new IllegalStateException("TCK cluster peer " + i + " ended before joining");
        }
        System.out.println("[tck peer " + i + "] " + line);
        drain(out, i);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Could not start TCK cluster peer " + i, e);
      }
    }
  }

  private static void drain(BufferedReader out, int i) {
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          System.out.println("[tck peer " + i + "] " + line);
        }
      } catch (java.io.IOException e) {
        // the peer ended
      }
    }, "tck-peer-output-" + i);
    t.setDaemon(true);
    t.start();
  }

  private static void stop() {
    for (Process p : peers) {
      try {
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }
}
