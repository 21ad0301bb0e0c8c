package io.tandem.jcache.cluster;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/** Keystores made at test time with the JDK alone, as keytool -genseckey would make them. */
final class TestKeystores {

  static final String PASSWORD = "test-store-password";
  static final String ALIAS = "cluster-key";

  private TestKeystores() {}

  /** A PKCS12 keystore at {@code file} holding a fresh AES-256 key under {@link #ALIAS}. */
  static Path withNewKey(Path file) throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return with(file, "PKCS12", generator.generateKey());
  }

  /** A keystore of {@code type} at {@code file} holding {@code key} under {@link #ALIAS}. */
  static Path with(Path file, String type, SecretKey key) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(key),
        new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
