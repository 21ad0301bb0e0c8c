package io.tandem.session.it;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat: 11 (Servlet 6.1) or 10.1 (Servlet 6.0), whichever tomcat-embed-core the
 * failsafe execution puts on the class path; compiled against 11, it uses nothing 10.1 lacks.
 */
final class TomcatNode implements ServerNode {

  private final Tomcat tomcat;
  private final URI base;
  private boolean closed;

  private TomcatNode(WebApp app) throws Exception {
    File dir = Files.createTempDirectory("tandem-tomcat").toFile();
    tomcat = new Tomcat();
    tomcat.setBaseDir(dir.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", dir.getAbsolutePath());
    context.addServletContainerInitializer(app, null);
    tomcat.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  static ServerNode start(WebApp app) throws Exception {
    return new TomcatNode(app);
  }

  @Override
  public URI base() {
    return base;
  }

  @Override
  public synchronized void close() throws Exception {
    if (!closed) {
      closed = true;
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
