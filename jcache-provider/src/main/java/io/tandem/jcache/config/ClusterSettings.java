package io.tandem.jcache.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a cache manager joins its cluster.
 *
 * @param name the cluster name: members with the same name (and stack) form one cluster
 * @param stack a shipped stack ({@code tcp}, {@code udp}, {@code kubernetes}, {@code loopback}) or
 *     the location of a JGroups XML file ({@code classpath:...}, {@code file:...})
 * @param bindAddress the address to bind to; loopback unless configured, so nothing joins a
 *     network by accident
 * @param bindPort the first port to try (0 for an ephemeral port)
 * @param initialMembers {@code host[port]} of members to contact first (TCPPING), may be empty
 * @param timeout how long a remote call (a forwarded write, a replication) may take
 * @param partitionHandling what a minority partition does
 */
public record ClusterSettings(String name, String stack, String bindAddress, int bindPort,
    List<String> initialMembers, Duration timeout, PartitionHandling partitionHandling) {

  public static final String DEFAULT_STACK = "tcp";
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_BIND_PORT = 7800;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  public ClusterSettings {
    Objects.requireNonNull(name, "cluster name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("The cluster name may not be blank");
    }
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (bindPort < 0 || bindPort > 65535) {
      throw new IllegalArgumentException("bind-port must be 0..65535, was " + bindPort);
    }
    initialMembers = List.copyOf(initialMembers);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The cluster timeout must be positive, was " + timeout);
    }
    Objects.requireNonNull(partitionHandling, "partitionHandling");
  }

  /** A cluster of this name with every other setting at its default. */
  public static ClusterSettings named(String name) {
    return new ClusterSettings(name, DEFAULT_STACK, DEFAULT_BIND_ADDRESS, DEFAULT_BIND_PORT,
        List.of(), DEFAULT_TIMEOUT, PartitionHandling.ALLOW_READ_WRITES);
  }

  public ClusterSettings withStack(String stack) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling);
  }

  public ClusterSettings withPartitionHandling(PartitionHandling handling) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        handling);
  }
}
