package io.tandem.session.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.TandemCachingProvider;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Caching;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Two embedded Tomcats, each with Spring Session's {@link SessionRepositoryFilter} on its own
 * {@link TandemIndexedSessionRepository}, the two on two members of one replicated cache: a
 * browser (one cookie jar) goes from one to the other.
 */
class TomcatSpringSessionIT {

  private final String clusterName = "spring-http-" + UUID.randomUUID();
  private final List<TandemCacheManager> members = new ArrayList<>();
  private final List<TandemIndexedSessionRepository> repositories = new ArrayList<>();
  private final List<Tomcat> tomcats = new ArrayList<>();
  private final List<URI> bases = new ArrayList<>();
  private final PublishedEvents events = new PublishedEvents();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .build();

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < 2; i++) {
      Properties p = new Properties();
      p.setProperty("tandem.cluster.name", clusterName);
      p.setProperty("tandem.cluster.stack", "loopback");
      p.setProperty("tandem.defaults.mode", "replicated");
      members.add((TandemCacheManager) Caching
          .getCachingProvider(TandemCachingProvider.class.getName())
          .getCacheManager(URI.create("http-member:" + clusterName + "/" + i),
              getClass().getClassLoader(), p));
    }
    io.tandem.session.store.SessionRepository.openCache(members.get(0), "tandem-sessions");
    TandemIndexedSessionRepositoryTest.await("the cache on both", () ->
        members.get(1).getCache("tandem-sessions") != null
            && members.stream().allMatch(m -> m.getCluster().orElseThrow().view().size() == 2
                && m.getCluster().orElseThrow().isStable()));
    for (int i = 0; i < 2; i++) {
      var repository = new TandemIndexedSessionRepository(
          io.tandem.session.store.SessionRepository.openCache(members.get(i), "tandem-sessions"));
      events.listenTo("node" + (i + 1), repository);
      repositories.add(repository);
      startTomcat(repository);
    }
  }

  private void startTomcat(TandemIndexedSessionRepository repository) throws Exception {
    File dir = Files.createTempDirectory("tandem-spring-tomcat").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(dir.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", dir.getAbsolutePath());
    ServletContainerInitializer app = (classes, servletContext) -> {
      servletContext.addFilter("springSession", new SessionRepositoryFilter<>(repository))
          .addMappingForUrlPatterns(EnumSet.allOf(jakarta.servlet.DispatcherType.class), false,
              "/*");
      servletContext.addServlet("app", new AppServlet()).addMapping("/app/*");
    };
    context.addServletContainerInitializer(app, null);
    tomcat.start();
    tomcats.add(tomcat);
    bases.add(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/"));
  }

  @AfterEach
  void stop() throws Exception {
    for (Tomcat tomcat : tomcats) {
      tomcat.stop();
      tomcat.destroy();
    }
    repositories.forEach(TandemIndexedSessionRepository::close);
    for (int i = members.size() - 1; i >= 0; i--) {
      members.get(i).close();
    }
  }

  /** set?v=, get, login?user=, logout; answers the session's "v" (or "none") and id. */
  static final class AppServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String op = req.getPathInfo().substring(1);
      HttpSession session = req.getSession(op.equals("set") || op.equals("login"));
      switch (op) {
        case "set" -> session.setAttribute("v", req.getParameter("v"));
        case "login" -> {
          req.changeSessionId(); // as Spring Security does on login
          req.getSession().setAttribute(
              FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, req.getParameter("user"));
        }
        case "logout" -> {
          if (session != null) {
            session.invalidate();
          }
          session = null;
        }
        default -> { }
      }
      HttpSession current = req.getSession(false);
      resp.setContentType("text/plain");
      resp.getWriter().print((current == null ? "none" : current.getAttribute("v") + " "
          + current.getId()));
    }
  }

  private String get(int node, String path) throws Exception {
    HttpResponse<String> response = browser.send(
        HttpRequest.newBuilder(bases.get(node).resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  @Test
  void aSessionMadeOnOneNodeIsUsedOnTheOtherAndEndsOnBoth() throws Exception {
    String[] first = get(0, "set?v=hello").split(" ");
    assertEquals("hello", first[0]);
    String id = first[1];
    assertEquals("hello " + id, get(1, "get"), "node2 reads node1's session");

    get(1, "set?v=again");
    assertEquals("again " + id, get(0, "get"));

    String[] loggedIn = get(1, "login?user=alice").split(" ");
    String newId = loggedIn[1];
    assertNotEquals(id, newId, "a new id at login");
    assertEquals("again " + newId, get(0, "get"), "node1 follows the new cookie");
    assertNull(repositories.get(0).findById(id), "the old id is gone");
    assertEquals(java.util.Set.of(newId),
        repositories.get(0).findByPrincipalName("alice").keySet());

    assertEquals("none", get(0, "logout"));
    assertEquals("none", get(1, "get"), "logged out on node1: no session on node2");
    // Spring Session's own commit saves; a request without a session creates none
    assertEquals("none", get(1, "get"));
    assertEquals(List.of("created:" + id, "deleted:" + newId), events.cluster(),
        "one created, one deleted (over both nodes), nothing for the id change");
  }
}
