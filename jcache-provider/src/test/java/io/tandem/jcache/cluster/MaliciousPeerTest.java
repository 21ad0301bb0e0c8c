package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.serialization.KryoCodec;
import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.ResponseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that is no Tandem member joins the cluster with a plain JChannel (no encryption here)
 * and sends what a broken or hostile program might: garbage, truncated and oversized requests,
 * a request naming a class outside the allowlist, and raw messages outside the request protocol.
 * Each is dropped (answered with a failure, or ignored), and the members keep working.
 */
class MaliciousPeerTest extends ClusterTestSupport {

  private static final String TRIPWIRE = "io.tandem.jcache.cluster.intruder.Tripwire";
  private static final String TRIPWIRE_PROPERTY = "tandem.test.cluster.tripwire";
  private static final int MAX_VALUE_SIZE = 64 * 1024;

  /** How the peer encodes Tandem's envelopes, and decodes the members' answers. */
  private final KryoCodec peerCodec = new KryoCodec(SerializationSettings.defaults()
      .allow(Envelope.classNames().toArray(String[]::new))
      .allow(io.tandem.jcache.cache.TandemCacheImpl.wireClasses().toArray(String[]::new)),
      getClass().getClassLoader());

  @AfterEach
  void clearTripwire() {
    System.clearProperty(TRIPWIRE_PROPERTY);
  }

  @Test
  void malformedOversizedAndForbiddenMessagesAreDroppedAndTheMembersKeepWorking()
      throws Exception {
    var limit = new Properties();
    limit.setProperty(SerializationSettings.MAX_VALUE_SIZE_PROPERTY, "64KiB");
    var a = startMember(limit);
    var b = startMember(limit);
    awaitStable();
    Cache<String, String> onA = a.createCache("data", new MutableConfiguration<>());
    onA.put("k", "v");
    byte[] forbidden = forbiddenRequest();
    assertNull(System.getProperty(TRIPWIRE_PROPERTY), "making the bytes left no trace");

    try (JChannel peer = new JChannel(ClusterStack.LOOPBACK.open())) {
      // plays a member that holds nothing (they count it as one): answers every request with an
      // empty reply and confirms changes to the member waiting for that
      var dispatcher = new MessageDispatcher(peer);
      dispatcher.setRequestHandler(msg -> {
        byte[] bytes = Arrays.copyOfRange(msg.getArray(), msg.getOffset(),
            msg.getOffset() + msg.getLength());
        Object received = peerCodec.deserialize(bytes);
        if (received instanceof Envelope.Changes c
            && c.caller() != null && c.confirm()) {
          for (Address member : peer.getView().getMembers()) {
            if (ClusterNode.identity(member).equals(c.caller())) {
              dispatcher.sendMessage(new BytesMessage(member,
                  peerCodec.serialize(new Envelope.Confirmed(c.token(), null))),
                  new RequestOptions(ResponseMode.GET_NONE, 0));
            }
          }
        }
        return peerCodec.serialize(new Envelope.Reply(null));
      });
      peer.connect(clusterName);
      Address target = a.getCluster().orElseThrow().address();
      await("the members see the peer", () -> a.getCluster().orElseThrow().view().size() == 3);

      byte[] garbage = new byte[1024];
      new Random(42).nextBytes(garbage);
      byte[] valid = peerCodec.serialize(new Envelope.CacheRequest("data", "x".repeat(200)));
      byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
      byte[] oversized = new byte[MAX_VALUE_SIZE * 16];
      new Random(7).nextBytes(oversized);

      for (byte[] request : List.of(garbage, truncated, new byte[0], oversized)) {
        assertInstanceOf(Envelope.Failure.class, ask(dispatcher, target, request));
      }
      Envelope.Failure refused =
          assertInstanceOf(Envelope.Failure.class, ask(dispatcher, target, forbidden));
      assertTrue(String.join(" ", refused.messages()).contains(TRIPWIRE), refused::toString);

      // the same to everybody at once, not waiting for answers
      for (byte[] request : List.of(garbage, truncated, oversized, forbidden)) {
        dispatcher.castMessage(null, new BytesMessage(null, request),
            new RequestOptions(ResponseMode.GET_NONE, 0));
      }
      // raw messages, outside the request protocol: nobody deserializes them
      peer.send(new BytesMessage(target, garbage));
      peer.send(new BytesMessage(null, forbidden));

      // still serving, with the peer in the view
      Cache<String, String> onB = b.getCache("data");
      onA.put("k2", "v2");
      onB.put("k3", "v3");
      assertEquals("v2", onB.get("k2"));
      assertEquals("v3", onA.get("k3"));
      assertEquals("v", onB.get("k"));
      dispatcher.close();
    }
    await("the peer has left", () -> members.stream()
        .allMatch(m -> m.getCluster().orElseThrow().view().size() == 2));
    awaitStable();
    onA.put("k4", "v4");
    assertEquals("v4", b.<String, String>getCache("data").get("k4"));
    assertNull(System.getProperty(TRIPWIRE_PROPERTY), "the forbidden class was instantiated");
  }

  private Object ask(MessageDispatcher dispatcher, Address target, byte[] request)
      throws Exception {
    byte[] answer = dispatcher.sendMessage(new BytesMessage(target, request),
        new RequestOptions(ResponseMode.GET_FIRST, 10_000));
    return peerCodec.deserialize(answer);
  }

  /**
   * A cache request carrying a Tripwire, serialized from a class loader of its own so that this
   * JVM's application class loader never loads (or initializes) the class.
   */
  private static byte[] forbiddenRequest() throws Exception {
    try (var isolated = new IsolatingLoader()) {
      Object tripwire = Class.forName(TRIPWIRE, true, isolated).getConstructor().newInstance();
      var writer = new KryoCodec(SerializationSettings.defaults().allow(TRIPWIRE)
          .allow(Envelope.classNames().toArray(String[]::new)), isolated);
      byte[] bytes = writer.serialize(new Envelope.CacheRequest("data", tripwire));
      System.clearProperty(TRIPWIRE_PROPERTY);
      return bytes;
    }
  }

  /** Defines the Tripwire itself; everything else comes from the test's class loader. */
  private static final class IsolatingLoader extends URLClassLoader {
    IsolatingLoader() {
      super(new URL[] {MaliciousPeerTest.class.getProtectionDomain().getCodeSource()
          .getLocation()}, MaliciousPeerTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(TRIPWIRE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }
}
