package io.tandem.jcache.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;

/**
 * The JGroups stacks Tandem ships, as resources under {@code io/tandem/jcache/cluster/}. Each binds
 * to 127.0.0.1 unless a system property says otherwise (see {@code docs/operations.md}).
 */
public enum ClusterStack {

  /** TCP, members listed in {@code jgroups.tcpping.initial_hosts}: the default for deployments. */
  TCP("tcp.xml"),

  /** UDP with IP multicast: for LANs where multicast works. */
  UDP("udp.xml"),

  /** TCP with DNS_PING on a headless Service ({@code jgroups.dns.query}). */
  KUBERNETES("kubernetes.xml"),

  /** TCP on 127.0.0.1, in-JVM discovery, short timeouts: for tests and members in one JVM. */
  LOOPBACK("loopback.xml");

  private final String resource;

  ClusterStack(String resource) {
    this.resource = resource;
  }

  /** The stack's file name, e.g. {@code tcp.xml}. */
  public String fileName() {
    return resource;
  }

  /** The stack's location on the class path. */
  public URL url() {
    URL url = ClusterStack.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("JGroups stack " + resource + " missing from the class path");
    }
    return url;
  }

  /** Opens the stack's XML; the caller closes the stream. */
  public InputStream open() {
    try {
      return url().openStream();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read JGroups stack " + resource, e);
    }
  }

  /**
   * The stack named {@code name}, case-insensitively: {@code tcp}, {@code udp}, {@code kubernetes}
   * or {@code loopback}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ClusterStack named(String name) {
    for (ClusterStack stack : values()) {
      if (stack.name().equalsIgnoreCase(name.trim())) {
        return stack;
      }
    }
    throw new IllegalArgumentException("Unknown cluster stack '" + name
        + "': expected one of tcp, udp, kubernetes, loopback, or the path of a JGroups XML file");
  }

  /** The stack's short name, as written in configuration: {@code tcp}, {@code udp}, ... */
  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
