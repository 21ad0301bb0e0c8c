package io.tandem.jcache.cluster;

import io.tandem.jcache.config.ClusterEncryption;
import io.tandem.jcache.config.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import javax.cache.CacheException;
import javax.crypto.SecretKey;
import org.jgroups.JChannel;
import org.jgroups.protocols.Encrypt;
import org.jgroups.protocols.NAKACK3;
import org.jgroups.protocols.NAKACK4;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;

/**
 * Adds encryption to a channel's stack after the channel is created and before it connects.
 *
 * <p>SYM_ENCRYPT goes directly below the reliable multicast protocol (NAKACK2), as JGroups
 * advises: everything above it, retransmissions included, is encrypted, and so is every
 * membership message of GMS (a JOIN request a member without the key cannot encrypt is dropped
 * by the coordinator, so such a member cannot join). SERIALIZE goes between the two, so that the
 * headers of NAKACK2, UNICAST3 and GMS are encrypted along with the payload; this keeps a
 * recorded message from being replayed with a forged sequence number. Discovery, failure
 * detection and merge detection sit below and stay in clear text: they carry addresses and view
 * ids, never cache data.
 *
 * <p>The cipher is AES/CBC with a random IV per message (the JGroups 5.5 encryption protocols pass
 * IVs as {@code IvParameterSpec}, which rules out GCM).
 */
final class ClusterSecurity {

  private static final System.Logger LOG = System.getLogger(ClusterSecurity.class.getName());

  static final String CIPHER = "AES/CBC/PKCS5Padding";
  private static final int IV_LENGTH = 16;

  private ClusterSecurity() {}

  /**
   * Adds encryption to {@code channel}'s stack when {@code settings} ask for it, unless the stack
   * encrypts already.
   *
   * @throws CacheException naming the setting and the fix when the keystore cannot be read, the
   *     password is wrong, the alias is missing or not an AES key, or the stack has no NAKACK
   */
  static void apply(JChannel channel, ClusterSettings settings) {
    if (settings.encryption().isEmpty()) {
      return;
    }
    ClusterEncryption encryption = settings.encryption().get();
    ProtocolStack stack = channel.getProtocolStack();
    Protocol existing = ownEncryption(stack);
    if (existing != null) {
      LOG.log(Level.WARNING, "Cluster " + settings.name() + ": stack " + settings.stack()
          + " already has " + existing.getName() + "; it is used as configured there and the"
          + " <encryption> settings (" + encryption.keystore() + ") are not used.");
      return;
    }
    SecretKey key = secretKey(encryption);
    Protocol nakack = stack.findProtocol(NAKACK2.class, NAKACK3.class, NAKACK4.class);
    if (nakack == null) {
      throw new CacheException("Cluster " + settings.name() + " is to be encrypted, but stack "
          + settings.stack() + " has no NAKACK2 (nor NAKACK3/NAKACK4) to put SYM_ENCRYPT under:"
          + " use a shipped stack, or add SYM_ENCRYPT (and SERIALIZE above it) to the stack file"
          + " yourself.");
    }
    SYM_ENCRYPT encrypt = new SYM_ENCRYPT();
    encrypt.symAlgorithm(CIPHER);
    encrypt.symIvLength(IV_LENGTH);
    encrypt.setSecretKey(key);
    SERIALIZE serialize = new SERIALIZE();
    try {
      stack.insertProtocolInStack(encrypt, nakack, ProtocolStack.Position.BELOW);
      stack.insertProtocolInStack(serialize, nakack, ProtocolStack.Position.BELOW);
      for (Protocol p : List.of(encrypt, serialize)) {
        p.setProtocolStack(stack);
        p.init(); // a protocol inserted by hand is not initialized by the stack
      }
    } catch (Exception e) {
      throw new CacheException("Could not add encryption to the stack of cluster "
          + settings.name() + ": " + e.getMessage(), e);
    }
    LOG.log(Level.DEBUG, () -> "cluster " + settings.name() + ": encrypted with key "
        + encryption.keyAlias() + " of " + encryption.keystore() + ", stack "
        + stack.printProtocolSpec(false));
  }

  /** An encryption protocol the stack file itself declares, if any. */
  private static Protocol ownEncryption(ProtocolStack stack) {
    for (Protocol p : stack.getProtocols()) {
      if (p instanceof Encrypt<?>) {
        return p;
      }
    }
    return null;
  }

  /** The AES key {@code encryption} names, or a CacheException saying what to fix. */
  static SecretKey secretKey(ClusterEncryption encryption) {
    String where = encryption.keystore();
    KeyStore store;
    try {
      store = KeyStore.getInstance(encryption.keystoreType());
    } catch (KeyStoreException e) {
      throw new CacheException("The cluster's keystore-type (or "
          + ClusterEncryption.KEYSTORE_TYPE_PROPERTY + ") is " + encryption.keystoreType()
          + ", which this JVM does not know: use PKCS12 (the default) or JCEKS.", e);
    }
    char[] storePassword = encryption.resolvedKeystorePassword();
    try (InputStream in = open(where)) {
      store.load(in, storePassword);
    } catch (NoSuchFileException e) {
      throw new CacheException("The cluster's keystore " + where + " (keystore, or "
          + ClusterEncryption.KEYSTORE_PROPERTY + ") does not exist: fix the location, or create"
          + " the keystore as \"Encryption and authentication\" in docs/operations.md shows.", e);
    } catch (IOException e) {
      boolean password = e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
              .contains("password");
      throw new CacheException("Could not open the cluster's keystore " + where + " as "
          + encryption.keystoreType() + ": " + e.getMessage() + ". "
          + (password ? "The keystore-password (or " + ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY
              + ") is wrong: give the password the keystore was created with."
              : "Check keystore-type (or " + ClusterEncryption.KEYSTORE_TYPE_PROPERTY
                  + ") and keystore-password (or " + ClusterEncryption.KEYSTORE_PASSWORD_PROPERTY
                  + ")."), e);
    } catch (Exception e) {
      throw new CacheException("Could not open the cluster's keystore " + where + " as "
          + encryption.keystoreType() + ": " + e.getMessage() + ". Check keystore-type (or "
          + ClusterEncryption.KEYSTORE_TYPE_PROPERTY + ").", e);
    } finally {
      java.util.Arrays.fill(storePassword, '\0');
    }
    String alias = encryption.keyAlias();
    Key key;
    char[] keyPassword = encryption.resolvedKeyPassword();
    try {
      if (!store.containsAlias(alias)) {
        throw new CacheException("The cluster's keystore " + where + " has no entry with alias '"
            + alias + "' (key-alias, or " + ClusterEncryption.KEY_ALIAS_PROPERTY + "); it has "
            + aliases(store) + ". Give the alias of the secret key, or add one with keytool"
            + " -genseckey.");
      }
      if (!store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
        throw new CacheException("Entry '" + alias + "' of the cluster's keystore " + where
            + " is not a secret key (it holds a certificate or key pair): the cluster needs a"
            + " shared AES key, created with keytool -genseckey -keyalg AES -keysize 256.");
      }
      key = store.getKey(alias, keyPassword);
    } catch (UnrecoverableKeyException e) {
      throw new CacheException("Could not read key '" + alias + "' of the cluster's keystore "
          + where + ": the key-password (or " + ClusterEncryption.KEY_PASSWORD_PROPERTY
          + "; by default the keystore-password) is wrong.", e);
    } catch (java.security.GeneralSecurityException e) {
      throw new CacheException("Could not read key '" + alias + "' of the cluster's keystore "
          + where + ": " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(keyPassword, '\0');
    }
    if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new CacheException("Key '" + alias + "' of the cluster's keystore " + where + " is a "
          + (key == null ? "missing" : key.getAlgorithm()) + " key: the cluster needs an AES"
          + " key, created with keytool -genseckey -keyalg AES -keysize 256.");
    }
    return secret;
  }

  private static String aliases(KeyStore store) throws KeyStoreException {
    List<String> aliases = Collections.list(store.aliases());
    return aliases.isEmpty() ? "no entries" : "only " + String.join(", ", aliases);
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String name = location.substring("classpath:".length()).replaceFirst("^/+", "");
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      InputStream in = loader == null ? null : loader.getResourceAsStream(name);
      if (in == null) {
        in = ClusterSecurity.class.getClassLoader().getResourceAsStream(name);
      }
      if (in == null) {
        throw new NoSuchFileException(location);
      }
      return in;
    }
    String path = location.substring("file:".length());
    return Files.newInputStream(Path.of(path.startsWith("//") ? path.substring(2) : path));
  }
}
