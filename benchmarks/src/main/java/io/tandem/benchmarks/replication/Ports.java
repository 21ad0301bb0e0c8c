package io.tandem.benchmarks.replication;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on 127.0.0.1 for the members of one cluster. */
final class Ports {

  static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /**
   * {@code count} consecutive ports that are free now, between 10000 and 15000: low enough that
   * Infinispan's FD_SOCK2 (port + 50000) and Tandem's (port + 100) stay valid ports too.
   */
  static int[] consecutive(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 10_000 + ThreadLocalRandom.current().nextInt(5_000 - 3 * count) / 3 * 3;
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        free = isFree(base + i) && isFree(base + i + 100) && isFree(base + i + 50_000);
      }
      if (free) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
          ports[i] = base + i;
        }
        return ports;
      }
    }
    throw new IllegalStateException("no " + count + " free consecutive ports on " + LOOPBACK);
  }

  private static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code 127.0.0.1[p1],127.0.0.1[p2],...}: JGroups' TCPPING and Tandem's members list. */
  static String jgroupsHosts(int[] ports) {
    var hosts = new StringBuilder();
    for (int port : ports) {
      hosts.append(hosts.isEmpty() ? "" : ",").append(LOOPBACK).append('[').append(port).append(']');
    }
    return hosts.toString();
  }
}
