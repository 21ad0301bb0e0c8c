package io.tandem.session.it;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 ee10 (Servlet 6.0). */
final class JettyNode implements ServerNode {

  private final Server server;
  private final URI base;
  private boolean closed;

  private JettyNode(WebApp app) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    context.addServletContainerInitializer(app);
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  static ServerNode start(WebApp app) throws Exception {
    return new JettyNode(app);
  }

  @Override
  public URI base() {
    return base;
  }

  @Override
  public synchronized void close() throws Exception {
    if (!closed) {
      closed = true;
      server.stop();
    }
  }
}
