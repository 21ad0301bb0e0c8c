package io.tandem.samples.sessions;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.TandemSessionFilter;
import io.tandem.session.store.SessionState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.Caching;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * One node of the demo: an embedded Tomcat 11 on 127.0.0.1 whose sessions live in the replicated
 * cache {@code demo-sessions}, through this node's own cache manager, a member of the cluster.
 * {@link #stop()} stops both: the container closes its port and the member leaves the cluster.
 */
public final class DemoNode {

  /** The session cache, declared in {@code session-demo.xml}. */
  public static final String CACHE = "demo-sessions";

  private final DemoCluster cluster;
  private final int index;
  private final String name;
  private final int httpPort;
  private final int clusterPort;
  private volatile TandemCacheManager manager;
  private volatile Tomcat tomcat;

  DemoNode(DemoCluster cluster, int index, int httpPort, int clusterPort) {
    this.cluster = cluster;
    this.index = index;
    this.name = "node-" + (index + 1);
    this.httpPort = httpPort;
    this.clusterPort = clusterPort;
  }

  /** Joins the cluster, then opens the HTTP port. */
  synchronized void start() throws Exception {
    if (tomcat != null) {
      return;
    }
    Properties p = new Properties();
    p.setProperty("tandem.config", "classpath:session-demo.xml");
    p.setProperty("tandem.cluster.name", cluster.clusterName());
    p.setProperty("tandem.cluster.bind-port", Integer.toString(clusterPort));
    p.setProperty("tandem.cluster.members", cluster.members());
    ClassLoader loader = DemoNode.class.getClassLoader();
    manager = (TandemCacheManager) Caching
        .getCachingProvider(TandemCachingProvider.class.getName(), loader)
        .getCacheManager(URI.create("session-demo:" + cluster.clusterName() + "/" + name), loader,
            p);
    try {
      Cache<String, SessionState> cache = manager.getCache(CACHE, String.class,
          SessionState.class);
      File dir = Files.createTempDirectory("tandem-demo-" + name).toFile();
      Tomcat t = new Tomcat();
      t.setBaseDir(dir.getAbsolutePath());
      Connector connector = new Connector();
      connector.setPort(httpPort);
      connector.setProperty("address", "127.0.0.1");
      t.getService().addConnector(connector);
      t.setConnector(connector);
      Context context = t.addContext("", dir.getAbsolutePath());
      ServletContainerInitializer app = (classes, servletContext) -> {
        FilterRegistration.Dynamic f = servletContext.addFilter("tandem-sessions",
            new TandemSessionFilter(cache));
        f.addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
        servletContext.addServlet("demo", new DemoServlet(this)).addMapping("/");
      };
      context.addServletContainerInitializer(app, null);
      t.start();
      tomcat = t;
    } catch (Exception | Error e) {
      manager.close();
      manager = null;
      throw e;
    }
  }

  /** Stops the container, then closes the cache manager: the member leaves the cluster. */
  public synchronized void stop() {
    Tomcat t = tomcat;
    tomcat = null;
    if (t != null) {
      try {
        t.stop();
        t.destroy();
      } catch (Exception e) {
        System.err.println(name + ": stopping Tomcat failed: " + e);
      }
    }
    TandemCacheManager m = manager;
    manager = null;
    if (m != null) {
      m.close();
    }
  }

  public boolean isRunning() {
    return tomcat != null;
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }

  public int httpPort() {
    return httpPort;
  }

  public int clusterPort() {
    return clusterPort;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + httpPort + "/");
  }

  /** This node's cache manager while it runs, else null. */
  TandemCacheManager manager() {
    return manager;
  }

  DemoCluster cluster() {
    return cluster;
  }
}
