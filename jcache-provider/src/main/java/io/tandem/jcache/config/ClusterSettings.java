package io.tandem.jcache.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param encryption how the cluster's traffic is encrypted, or empty for not at all
 * @throws IllegalArgumentException when a value is malformed: a blank name, a stack that is
 *     neither a shipped one nor a {@code classpath:}/{@code file:} location, a member that is not
 *     {@code host[port]}, a port outside 0..65535, a timeout that is not positive
 */
public record ClusterSettings(String name, String stack, String bindAddress, int bindPort,
    List<String> initialMembers, Duration timeout, PartitionHandling partitionHandling,
    Optional<ClusterEncryption> encryption) {

  public static final String DEFAULT_STACK = "tcp";
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_BIND_PORT = 7800;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  /** Manager property: the cluster's name; alone it creates cluster settings with defaults. */
  public static final String NAME_PROPERTY = "tandem.cluster.name";
  /** Manager property replacing {@code stack} of {@code <cluster>}. */
  public static final String STACK_PROPERTY = "tandem.cluster.stack";
  /** Manager property replacing {@code bind-address} of {@code <cluster>}. */
  public static final String BIND_ADDRESS_PROPERTY = "tandem.cluster.bind-address";
  /** Manager property replacing {@code bind-port} of {@code <cluster>}. */
  public static final String BIND_PORT_PROPERTY = "tandem.cluster.bind-port";
  /** Manager property replacing the {@code <member>} list: comma-separated {@code host[port]}. */
  public static final String MEMBERS_PROPERTY = "tandem.cluster.members";
  /** Manager property replacing {@code timeout} of {@code <cluster>}. */
  public static final String TIMEOUT_PROPERTY = "tandem.cluster.timeout";
  /** Manager property replacing {@code partition-handling} of {@code <cluster>}. */
  public static final String PARTITION_HANDLING_PROPERTY = "tandem.cluster.partition-handling";

  public ClusterSettings {
    Objects.requireNonNull(name, "cluster name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("The cluster name may not be blank");
    }
    Objects.requireNonNull(stack, "stack");
    stack = Quantities.parseStack(stack);
    Objects.requireNonNull(bindAddress, "bindAddress");
    bindAddress = Quantities.parseBindAddress(bindAddress);
    if (bindPort < 0 || bindPort > 65535) {
      throw new IllegalArgumentException("bind-port must be 0..65535, was " + bindPort);
    }
    initialMembers = initialMembers.stream().map(Quantities::parseMember).toList();
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The cluster timeout must be positive, was " + timeout);
    }
    Objects.requireNonNull(partitionHandling, "partitionHandling");
    Objects.requireNonNull(encryption, "encryption");
  }

  /** Settings without encryption. */
  public ClusterSettings(String name, String stack, String bindAddress, int bindPort,
      List<String> initialMembers, Duration timeout, PartitionHandling partitionHandling) {
    this(name, stack, bindAddress, bindPort, initialMembers, timeout, partitionHandling,
        Optional.empty());
  }

  /** A cluster of this name with every other setting at its default. */
  public static ClusterSettings named(String name) {
    return new ClusterSettings(name, DEFAULT_STACK, DEFAULT_BIND_ADDRESS, DEFAULT_BIND_PORT,
        List.of(), DEFAULT_TIMEOUT, PartitionHandling.ALLOW_READ_WRITES);
  }

  public ClusterSettings withStack(String stack) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withName(String name) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withBindAddress(String bindAddress) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withBindPort(int bindPort) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withInitialMembers(List<String> initialMembers) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withTimeout(Duration timeout) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, encryption);
  }

  public ClusterSettings withPartitionHandling(PartitionHandling handling) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        handling, encryption);
  }

  /** These settings with traffic encrypted as {@code encryption} says. */
  public ClusterSettings withEncryption(ClusterEncryption encryption) {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, Optional.of(encryption));
  }

  /** These settings without encryption. */
  public ClusterSettings withoutEncryption() {
    return new ClusterSettings(name, stack, bindAddress, bindPort, initialMembers, timeout,
        partitionHandling, Optional.empty());
  }
}
