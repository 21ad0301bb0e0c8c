package io.tandem.samples.sessions.bench;

import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.TandemSessionFilter;
import io.tandem.session.store.SessionState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The server of the sessions benchmark ({@code benchmarks/sessions/run.sh}): an embedded Tomcat 11
 * on 127.0.0.1 whose page {@code /bench} reads one session attribute and writes another.
 *
 * <pre>
 * BenchServer container PORT                      Tomcat's own in-memory sessions
 * BenchServer local PORT                          Tandem filter, a LOCAL cache
 * BenchServer cluster PORT CLUSTER_PORT MEMBERS   Tandem filter, a member of a REPLICATED cache
 *                                                 (tcp stack on 127.0.0.1; MEMBERS host[port],...)
 * </pre>
 *
 * The first request of a session sets {@code profile}; every request reads {@code profile} and
 * writes {@code lastSeen} (a Long). Prints {@code READY} once it serves.
 */
public final class BenchServer {

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    Cache<String, SessionState> cache = switch (mode) {
      case "container" -> null;
      case "local" -> open(new Properties(), "bench-local");
      case "cluster" -> {
        Properties p = new Properties();
        p.setProperty("tandem.cluster.name", "tandem-session-bench");
        p.setProperty("tandem.cluster.stack", "tcp");
        p.setProperty("tandem.cluster.bind-address", "127.0.0.1");
        p.setProperty("tandem.cluster.bind-port", args[2]);
        p.setProperty("tandem.cluster.members", args[3]);
        p.setProperty("tandem.defaults.mode", "replicated");
        yield open(p, "bench-" + args[2]);
      }
      default -> throw new IllegalArgumentException("mode: container, local or cluster");
    };
    File dir = Files.createTempDirectory("tandem-bench").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(dir.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", dir.getAbsolutePath());
    ServletContainerInitializer app = (classes, servletContext) -> {
      if (cache != null) {
        FilterRegistration.Dynamic f = servletContext.addFilter("tandem-sessions",
            new TandemSessionFilter(cache));
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
      }
      servletContext.addServlet("bench", new BenchServlet()).addMapping("/bench");
    };
    context.addServletContainerInitializer(app, null);
    tomcat.start();
    System.out.println("READY " + mode + " on " + port);
    tomcat.getServer().await();
  }

  private static Cache<String, SessionState> open(Properties p, String name) {
    ClassLoader loader = BenchServer.class.getClassLoader();
    CacheManager manager = Caching.getCachingProvider(TandemCachingProvider.class.getName(),
        loader).getCacheManager(URI.create("session-bench:" + name), loader, p);
    Cache<String, SessionState> cache = manager.getCache("sessions");
    if (cache == null) {
      try {
        cache = manager.createCache("sessions", new MutableConfiguration<String, SessionState>()
            .setTypes(String.class, SessionState.class).setStoreByValue(false));
      } catch (javax.cache.CacheException e) {
        cache = manager.getCache("sessions"); // defined by the other member meanwhile
      }
    }
    return cache;
  }

  /** Reads one attribute, writes another. */
  static final class BenchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      HttpSession session = req.getSession();
      Object profile = session.getAttribute("profile");
      if (profile == null) {
        profile = "user-" + session.getId().substring(0, 4);
        session.setAttribute("profile", profile);
      }
      session.setAttribute("lastSeen", System.currentTimeMillis());
      resp.setContentType("text/plain;charset=UTF-8");
      resp.getWriter().print(profile);
    }
  }
}
