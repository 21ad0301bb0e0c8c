package io.tandem.session.it;

import java.net.URI;

/**
 * One servlet container running {@link WebApp} on 127.0.0.1 and an ephemeral port; closing it
 * stops the container, and closing it again does nothing.
 */
public interface ServerNode extends AutoCloseable {

  /** {@code http://127.0.0.1:PORT/app/}. */
  URI base();

  /** Starts a container with {@code app}. */
  interface Factory {
    ServerNode start(WebApp app) throws Exception;
  }
}
