package io.tandem.benchmarks.replication;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.ResponseMode;

/**
 * The floor: what a synchronous replicated put cannot go below on a given JGroups stack. A put
 * sends the key and value in one message to every other member at once (anycast over TCP) and
 * waits for every reply ({@link ResponseMode#GET_ALL}); each receiver stores the bytes in a
 * {@code ConcurrentHashMap} and replies with nothing. No primary, no ordering, no versioning,
 * no serialization beyond copying the bytes.
 */
final class JGroupsRpcCluster implements ReplicatedCluster {

  private final List<JChannel> channels = new ArrayList<>();
  private final List<MessageDispatcher> dispatchers = new ArrayList<>();
  private final List<Map<Integer, byte[]>> stores = new ArrayList<>();
  private final List<List<Address>> others = new ArrayList<>();
  private final RequestOptions sync = new RequestOptions(ResponseMode.GET_ALL, 15_000).anycasting(true);

  JGroupsRpcCluster(String stackResource, int members, String clusterName) {
    int[] ports = Ports.consecutive(members);
    try {
      for (int i = 0; i < members; i++) {
        String xml = JGroupsStacks.onLoopback(stackResource, ports, i);
        var channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        channel.setName("rpc-" + i);
        Map<Integer, byte[]> store = new ConcurrentHashMap<>();
        var dispatcher = new MessageDispatcher(channel, request -> apply(store, request));
        channels.add(channel);
        dispatchers.add(dispatcher);
        stores.add(store);
        channel.connect(clusterName);
      }
    } catch (Exception e) {
      close();
      throw new IllegalStateException("JGroups floor: cluster did not start", e);
    }
    Await.until(members + " JGroups members in every view",
        () -> channels.stream().allMatch(c -> c.getView() != null && c.getView().size() == members));
    for (JChannel channel : channels) {
      var rest = new ArrayList<>(channel.getView().getMembers());
      rest.remove(channel.getAddress());
      others.add(List.copyOf(rest));
    }
  }

  private static Object apply(Map<Integer, byte[]> store, Message request) {
    ByteBuffer buffer = ByteBuffer.wrap(request.getArray(), request.getOffset(), request.getLength());
    int key = buffer.getInt();
    byte[] value = new byte[buffer.remaining()];
    buffer.get(value);
    store.put(key, value);
    return null;
  }

  @Override
  public int size() {
    return channels.size();
  }

  @Override
  public void put(int member, Integer key, byte[] value) {
    byte[] body = ByteBuffer.allocate(4 + value.length).putInt(key).put(value).array();
    stores.get(member).put(key, value);
    try {
      var replies = dispatchers.get(member).castMessage(others.get(member), new BytesMessage(null, body), sync);
      if (replies.numReceived() != others.get(member).size()) {
        throw new IllegalStateException("JGroups floor: missing replies " + replies);
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("JGroups floor: put failed", e);
    }
  }

  @Override
  public byte[] get(int member, Integer key) {
    return stores.get(member).get(key);
  }

  @Override
  public void close() {
    for (int i = channels.size() - 1; i >= 0; i--) {
      try {
        dispatchers.get(i).close();
      } catch (java.io.IOException e) {
        // closing anyway
      }
      channels.get(i).close();
    }
  }
}
