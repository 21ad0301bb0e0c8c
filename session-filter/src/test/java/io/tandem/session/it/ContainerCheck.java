package io.tandem.session.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

/**
 * Checks that a node runs on the container its failsafe execution names: the same test classes
 * run on several containers chosen by class path alone, and a class path that quietly brought
 * another container (or another Servlet API) would make a run prove nothing.
 */
final class ContainerCheck {

  /** The start of {@code ServletContext.getServerInfo()}, e.g. {@code Apache Tomcat/10.1.}. */
  static final String SERVER = "tandem.it.server";
  /** The Servlet version the container reports, e.g. {@code 6.0}. */
  static final String SERVLET = "tandem.it.servlet";

  private ContainerCheck() {}

  /** Asserts what {@code base} runs on, where the execution names it; returns its description. */
  static String check(URI base) throws Exception {
    String[] info = new Browser().get(base, "server").split(" servlet ");
    String server = System.getProperty(SERVER);
    if (server != null) {
      assertTrue(info[0].startsWith(server), "expected a server " + server + "*, running on "
          + info[0]);
    }
    String servlet = System.getProperty(SERVLET);
    if (servlet != null) {
      assertEquals(servlet, info[1], "the Servlet version of " + info[0]);
    }
    String description = info[0] + " (Servlet " + info[1] + ")";
    System.out.println("Integration tests on " + description);
    return description;
  }
}
