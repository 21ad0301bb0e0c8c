package io.tandem.benchmarks.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * JGroups stack files, pinned to one member's port on 127.0.0.1 with TCPPING discovery of the
 * others: the product's own protocol settings are kept, only addresses and discovery change.
 */
final class JGroupsStacks {

  /** Tandem's {@code tcp} stack, as {@code tandem-jcache} ships it. */
  static final String TANDEM_TCP = "io/tandem/jcache/cluster/tcp.xml";

  /** Infinispan 16's default TCP stack (TCP + MPING), as {@code infinispan-core} ships it. */
  static final String INFINISPAN_TCP = "org/infinispan/configuration/default-jgroups-tcp.xml";

  private JGroupsStacks() {}

  /**
   * The stack file {@code resource} with TCP bound to 127.0.0.1:{@code ports[member]} (no port
   * range) and TCPPING on all {@code ports} in place of whatever discovery it had.
   */
  static String onLoopback(String resource, int[] ports, int member) {
    String xml = read(resource);
    String tcpping = "<TCPPING initial_hosts=\"" + Ports.jgroupsHosts(ports)
        + "\" port_range=\"0\" async_discovery=\"true\" return_entire_cache=\"false\"/>";
    xml = xml.replaceAll("(?s)<(MPING|TCPPING|PING)\\b.*?/>", Matcher.quoteReplacement(tcpping));
    xml = replaceAttribute(xml, "bind_addr", Ports.LOOPBACK);
    xml = replaceAttribute(xml, "bind_port", Integer.toString(ports[member]));
    xml = xml.replaceAll("(<TCP\\b[^>]*?)\\bport_range=\"[^\"]*\"", "$1port_range=\"0\"");
    if (!xml.contains("<TCPPING") || !xml.contains("bind_port=\"" + ports[member] + "\"")) {
      throw new IllegalStateException("could not pin " + resource + " to 127.0.0.1:" + ports[member]);
    }
    return xml;
  }

  private static String replaceAttribute(String xml, String name, String value) {
    return xml.replaceAll("\\b" + name + "=\"[^\"]*\"", Matcher.quoteReplacement(name + "=\"" + value + "\""));
  }

  private static String read(String resource) {
    try (InputStream in = JGroupsStacks.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
