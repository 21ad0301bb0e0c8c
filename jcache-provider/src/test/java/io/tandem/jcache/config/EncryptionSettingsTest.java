package io.tandem.jcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <encryption>} in a file and the {@code tandem.cluster.encryption.*} properties. */
class EncryptionSettingsTest {

  private static final ClassLoader LOADER = EncryptionSettingsTest.class.getClassLoader();

  @TempDir
  Path dir;

  private ManagerSettings load(String cluster, Properties properties) throws IOException {
    Path file = Files.writeString(dir.resolve("tandem.xml"),
        "<tandem xmlns=\"urn:io.tandem:config:1.0\">" + cluster + "</tandem>");
    return ManagerSettings.load(file.toUri(), LOADER, properties);
  }

  private String keystore() throws IOException {
    return Files.writeString(dir.resolve("cluster.p12"), "not read here").toUri().toString();
  }

  @Test
  void encryptionIsReadWithItsDefaults() throws IOException {
    String keystore = keystore();
    var settings = load("<cluster name=\"c\"><member>127.0.0.1[7800]</member><encryption"
        + " keystore=\"" + keystore + "\" keystore-password=\"${env.PW}\" key-alias=\"k\"/>"
        + "</cluster>", null);

    assertEquals(Optional.of(ClusterEncryption.of(keystore, "${env.PW}", "k")),
        settings.cluster().orElseThrow().encryption());
  }

  @Test
  void aMissingKeystoreFileIsAProblemOfTheFile() {
    var thrown = assertThrows(CacheException.class, () -> load("<cluster name=\"c\"><encryption"
        + " keystore=\"file:" + dir.resolve("nope.p12") + "\" keystore-password=\"x\""
        + " key-alias=\"k\"/></cluster>", null));

    assertTrue(thrown.getMessage().contains("nope.p12"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("<encryption> keystore"), thrown.getMessage());
  }

  @Test
  void propertiesReplaceTheFilesAttributes() throws IOException {
    String keystore = keystore();
    var p = new Properties();
    p.setProperty(ClusterEncryption.KEY_ALIAS_PROPERTY, "other");
    p.setProperty(ClusterEncryption.KEYSTORE_TYPE_PROPERTY, "JCEKS");
    var settings = load("<cluster name=\"c\"><encryption keystore=\"" + keystore + "\""
        + " keystore-password=\"pw\" key-alias=\"k\"/></cluster>", p);

    ClusterEncryption e = settings.cluster().orElseThrow().encryption().orElseThrow();
    assertEquals("other", e.keyAlias());
    assertEquals("JCEKS", e.keystoreType());
  }

  @Test
  void propertiesCreateEncryptionOnlyWhenComplete() throws IOException {
    String keystore = keystore();
    var p = new Properties();
    p.setProperty(ClusterEncryption.KEYSTORE_PROPERTY, keystore);
    var thrown = assertThrows(CacheException.class, () -> load("<cluster name=\"c\"/>", p));
    assertTrue(thrown.getMessage().contains(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY),
        thrown.getMessage());
    assertTrue(thrown.getMessage().contains(ClusterEncryption.KEY_ALIAS_PROPERTY),
        thrown.getMessage());

    p.setProperty(ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY, "pw");
    p.setProperty(ClusterEncryption.KEY_ALIAS_PROPERTY, "k");
    assertEquals(Optional.of(ClusterEncryption.of(keystore, "pw", "k")),
        load("<cluster name=\"c\"/>", p).cluster().orElseThrow().encryption());
  }

  @Test
  void encryptionPropertiesWithoutAClusterAreAnError() {
    var p = new Properties();
    p.setProperty(ClusterEncryption.KEY_ALIAS_PROPERTY, "k");
    var thrown = assertThrows(CacheException.class, () -> load("", p));
    assertTrue(thrown.getMessage().contains(ClusterEncryption.KEY_ALIAS_PROPERTY),
        thrown.getMessage());
  }

  @Test
  void passwordsStayOutOfToString() {
    var e = ClusterEncryption.of("file:/k.p12", "s3cret", "k").withKeyPassword("t0p");
    assertFalse(e.toString().contains("s3cret"), e.toString());
    assertFalse(e.toString().contains("t0p"), e.toString());
    assertFalse(ClusterSettings.named("c").withEncryption(e).toString().contains("s3cret"));
  }

  @Test
  void aKeystoreMustBeALocation() {
    assertThrows(IllegalArgumentException.class,
        () -> ClusterEncryption.of("/etc/k.p12", "pw", "k"));
  }

}
