package io.tandem.jcache.cluster.intruder;

import java.io.Serializable;

/**
 * A class outside every allowlist of the cluster tests. Initializing it (which instantiating it
 * implies) sets a system property, so a test can tell that it never happened.
 */
public final class Tripwire implements Serializable {

  public static final String PROPERTY = "tandem.test.cluster.tripwire";

  static {
    System.setProperty(PROPERTY, "initialized");
  }

  public String payload = "boom";
}
