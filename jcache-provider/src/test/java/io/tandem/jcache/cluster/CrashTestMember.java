package io.tandem.jcache.cluster;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.Caching;

/**
 * A cluster member in a JVM of its own, for {@link ProcessCrashIT}: opens a cache manager on the
 * {@code tcp} stack and obeys commands read line by line from stdin, answering on stdout (JGroups
 * logs go to stderr). Commands:
 * <ul>
 *   <li>{@code VIEW}: answers {@code VIEW <members> <stable>}</li>
 *   <li>{@code WRITE <cache> <prefix> <count>}: puts {@code prefix-i -> v-i} for i in 0..count-1,
 *       one sync put at a time, answering {@code ACK <key>} after each put that returned and
 *       {@code FAIL <key> <message>} after each that threw (and going on with the next key), then
 *       {@code WRITES-DONE}</li>
 *   <li>{@code DUMP <cache>}: answers {@code ENTRY <key> <value>} per entry, then {@code DUMP-END}</li>
 *   <li>{@code EXIT}: closes the manager and exits</li>
 * </ul>
 * Arguments: cluster name, bind port, members ({@code host[port],...}).
 */
public final class CrashTestMember {

  private CrashTestMember() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    var p = new Properties();
    p.setProperty("tandem.cluster.name", args[0]);
    p.setProperty("tandem.cluster.stack", "tcp");
    p.setProperty("tandem.cluster.bind-address", "127.0.0.1");
    p.setProperty("tandem.cluster.bind-port", args[1]);
    p.setProperty("tandem.cluster.members", args[2]);
    p.setProperty("tandem.defaults.mode", "replicated");
    var manager = (TandemCacheManager) Caching.getCachingProvider(
        TandemCachingProvider.class.getName()).getCacheManager(
            URI.create("member:" + args[0] + "/" + args[1]),
            CrashTestMember.class.getClassLoader(), p);
    out.println("STARTED");
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] cmd = line.trim().split(" ");
      switch (cmd[0]) {
        case "VIEW" -> {
          ClusterNode node = manager.getCluster().orElseThrow();
          out.println("VIEW " + node.view().size() + " " + node.isStable());
        }
        case "WRITE" -> {
          Cache<String, String> cache = awaitCache(manager, cmd[1]);
          int count = Integer.parseInt(cmd[3]);
          for (int i = 0; i < count; i++) {
            String key = cmd[2] + "-" + i;
            try {
              cache.put(key, "v-" + i);
              out.println("ACK " + key);
            } catch (RuntimeException e) {
              out.println("FAIL " + key + " " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
          }
          out.println("WRITES-DONE");
        }
        case "DUMP" -> {
          Cache<String, String> cache = awaitCache(manager, cmd[1]);
          for (Cache.Entry<String, String> e : cache) {
            out.println("ENTRY " + e.getKey() + " " + e.getValue());
          }
          out.println("DUMP-END");
        }
        case "EXIT" -> {
          manager.close();
          out.println("BYE");
          System.exit(0);
        }
        default -> out.println("UNKNOWN " + line);
      }
    }
    manager.close();
  }

  /** The cluster-wide definition reaches this member shortly after it was made: bounded wait. */
  private static Cache<String, String> awaitCache(TandemCacheManager manager, String name)
      throws InterruptedException {
    for (int i = 0; i < 3_000; i++) {
      Cache<String, String> cache = manager.getCache(name);
      if (cache != null) {
        return cache;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("cache " + name + " never reached this member");
  }
}
