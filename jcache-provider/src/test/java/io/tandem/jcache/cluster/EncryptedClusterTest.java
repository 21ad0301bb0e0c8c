package io.tandem.jcache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.jcache.TandemCacheManager;
import io.tandem.jcache.config.ClusterEncryption;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.jgroups.View;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <encryption>}: members with the key form a cluster; anybody else is kept out. */
class EncryptedClusterTest extends ClusterTestSupport {

  @TempDir
  Path dir;

  private static Properties encryptedWith(Path keystore) {
    var p = new Properties();
    p.setProperty(ClusterEncryption.KEYSTORE_PROPERTY, keystore.toUri().toString());
    p.setProperty(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY, TestKeystores.PASSWORD);
    p.setProperty(ClusterEncryption.KEY_ALIAS_PROPERTY, TestKeystores.ALIAS);
    return p;
  }

  private static ClusterNode node(TandemCacheManager manager) {
    return manager.getCluster().orElseThrow();
  }

  @Test
  void membersWithTheSameKeyFormAClusterAndReplicate() throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    var a = startMember(encryptedWith(keystore));
    var b = startMember(encryptedWith(keystore));
    awaitStable();

    Cache<String, String> onA = a.createCache("secrets", new MutableConfiguration<>());
    onA.put("k", "v");
    Cache<String, String> onB = b.getCache("secrets");
    assertEquals("v", onB.get("k"));
    onB.put("k2", "v2");
    assertEquals("v2", onA.get("k2"));

    // SERIALIZE then SYM_ENCRYPT directly below NAKACK2 (the list runs from the top down)
    List<Protocol> stack = node(a).channel().getProtocolStack().getProtocols();
    int nakack = indexOf(stack, NAKACK2.class);
    assertTrue(stack.get(nakack + 1) instanceof SERIALIZE, stack::toString);
    assertTrue(stack.get(nakack + 2) instanceof SYM_ENCRYPT, stack::toString);
  }

  @Test
  void aJceksKeystoreWithItsOwnKeyPasswordWorksToo() throws Exception {
    var generator = javax.crypto.KeyGenerator.getInstance("AES");
    generator.init(128);
    Path keystore = TestKeystores.with(dir.resolve("cluster.jceks"), "JCEKS",
        generator.generateKey());
    var p = encryptedWith(keystore);
    p.setProperty(ClusterEncryption.KEYSTORE_TYPE_PROPERTY, "JCEKS");
    p.setProperty(ClusterEncryption.KEY_PASSWORD_PROPERTY, TestKeystores.PASSWORD);
    var a = startMember(p);
    var b = startMember(p);
    awaitStable();

    a.createCache("c", new MutableConfiguration<Integer, Integer>()).put(1, 1);
    assertEquals(1, b.<Integer, Integer>getCache("c").get(1));
  }

  /**
   * The intruder has the cluster's name and finds the members (discovery and merge detection are
   * not encrypted), but its JOIN and MERGE requests cannot be decrypted by the members, so they
   * are dropped; and no member ever sends it anything, as it never enters their view.
   */
  @ParameterizedTest
  @ValueSource(strings = {"another key", "no encryption"})
  void aMemberWithoutTheKeyCanNeitherJoinNorRead(String intruderHas) throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    var a = startMember(encryptedWith(keystore));
    var b = startMember(encryptedWith(keystore));
    awaitStable();
    Cache<String, String> onA = a.createCache("secrets", new MutableConfiguration<>());
    onA.put("before", "secret-1");

    Properties intruderProperties = intruderHas.equals("another key")
        ? encryptedWith(TestKeystores.withNewKey(dir.resolve("other.p12")))
        : new Properties();
    // Returns once its JOIN attempts (10 of them) went unanswered: it then runs alone.
    var intruder = startMember(intruderProperties);
    Cache<String, String> onIntruder =
        intruder.createCache("secrets", new MutableConfiguration<>());
    onA.put("after", "secret-2");

    // A negative check: it needs a window in which the intruder would have got in if it could.
    // Its JOIN requests already went to the coordinator and were dropped (startMember returned
    // only after the 10th went unanswered). The other way in is a merge: MERGE3 on the loopback
    // stack sends each coordinator's view every 1-5 s, so 6 s cover at least one round from
    // every coordinator. Throughout the window nothing of the cluster may reach the intruder.
    // The window is a bound on how long we look, not a measure of speed.
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(6);
    while (System.nanoTime() < end) {
      assertEquals(1, node(intruder).view().size(), () -> node(intruder).view().toString());
      assertEquals(2, node(a).view().size(), () -> node(a).view().toString());
      assertNull(onIntruder.get("before"));
      Thread.sleep(100);
    }

    View view = node(a).view();
    assertEquals(2, view.size(), view::toString);
    assertFalse(view.containsMember(node(intruder).address()), view::toString);
    assertEquals(2, node(b).view().size(), () -> node(b).view().toString());
    assertEquals(1, node(intruder).view().size(), () -> node(intruder).view().toString());
    assertNull(onIntruder.get("before"));
    assertNull(onIntruder.get("after"));
    assertFalse(onIntruder.iterator().hasNext(), "the intruder's cache is empty");
    // and the cluster keeps working without it
    onA.put("later", "secret-3");
    assertEquals("secret-3", b.<String, String>getCache("secrets").get("later"));
  }

  @Test
  void aWrongKeystorePasswordFailsTheStartNamingTheSetting() throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    var p = encryptedWith(keystore);
    p.setProperty(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY, "not-the-password");

    String message = assertThrows(CacheException.class, () -> startMember(p)).getMessage();

    assertTrue(message.contains(keystore.toUri().toString()), message);
    assertTrue(message.contains("keystore-password"), message);
    assertTrue(message.contains(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY), message);
    assertFalse(message.contains("not-the-password"), message);
  }

  @Test
  void aWrongKeyPasswordFailsTheStartNamingTheSetting() throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    var p = encryptedWith(keystore);
    p.setProperty(ClusterEncryption.KEY_PASSWORD_PROPERTY, "not-the-key-password");

    String message = assertThrows(CacheException.class, () -> startMember(p)).getMessage();

    assertTrue(message.contains("key-password"), message);
    assertTrue(message.contains(TestKeystores.ALIAS), message);
  }

  @Test
  void aMissingAliasFailsTheStartListingTheAliasesThere() throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    var p = encryptedWith(keystore);
    p.setProperty(ClusterEncryption.KEY_ALIAS_PROPERTY, "no-such-key");

    String message = assertThrows(CacheException.class, () -> startMember(p)).getMessage();

    assertTrue(message.contains("no-such-key"), message);
    assertTrue(message.contains(ClusterEncryption.KEY_ALIAS_PROPERTY), message);
    assertTrue(message.contains(TestKeystores.ALIAS), message);
  }

  @Test
  void aMissingKeystoreFailsTheStartNamingTheFile() {
    Path missing = dir.resolve("missing.p12");

    String message = assertThrows(CacheException.class,
        () -> startMember(encryptedWith(missing))).getMessage();

    assertTrue(message.contains(ClusterEncryption.KEYSTORE_PROPERTY), message);
    assertTrue(message.contains(missing.toString()), message);
  }

  @Test
  void aPasswordMayComeFromASystemPropertyButNotFromAnUnsetVariable() throws Exception {
    Path keystore = TestKeystores.withNewKey(dir.resolve("cluster.p12"));
    String property = "tandem.test.keystore-password." + clusterName;
    var p = encryptedWith(keystore);
    p.setProperty(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY, "${" + property + "}");
    System.setProperty(property, TestKeystores.PASSWORD);
    try {
      startMember(p);
    } finally {
      System.clearProperty(property);
    }

    var unset = encryptedWith(keystore);
    unset.setProperty(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY,
        "${env.TANDEM_TEST_NO_SUCH_VARIABLE}");
    String message = assertThrows(CacheException.class, () -> startMember(unset)).getMessage();
    assertTrue(message.contains("TANDEM_TEST_NO_SUCH_VARIABLE"), message);
    assertTrue(message.contains("environment variable"), message);
  }

  private static int indexOf(List<Protocol> stack, Class<?> type) {
    for (int i = 0; i < stack.size(); i++) {
      if (type.isInstance(stack.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + stack);
  }
}
