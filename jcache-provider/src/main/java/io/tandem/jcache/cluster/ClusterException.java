package io.tandem.jcache.cluster;

import javax.cache.CacheException;

/** A failure of the cluster layer: a bad stack, a failed join, a member that cannot be reached. */
public class ClusterException extends CacheException {

  private static final long serialVersionUID = 1L;

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterException(String message) {
    super(message);
  }
}
