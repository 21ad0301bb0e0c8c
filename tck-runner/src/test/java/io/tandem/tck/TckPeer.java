package io.tandem.tck;

import io.tandem.jcache.TandemCachingProvider;
import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;

/**
 * A cluster member for the clustered TCK run: a JVM holding one cache manager of the TCK's cluster
 * and nothing else. The TCK's own JVM is another member; every operation the TCK makes reaches
 * these peers wherever a key's primary is. Prints {@code READY} once it has joined, and leaves
 * when its standard input closes (when the TCK JVM ends or kills it).
 */
public final class TckPeer {

  private TckPeer() {}

  public static void main(String[] args) throws Exception {
    var properties = new Properties();
    properties.setProperty("tandem.config", args[0]);
    try (CacheManager manager = new TandemCachingProvider().getCacheManager(
        URI.create("tandem:default"), TckPeer.class.getClassLoader(), properties)) {
      System.out.println("READY " + manager.getURI());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to go away
      }
    }
    System.exit(0);
  }
}
