package io.tandem.jcache.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.CacheException;

/**
 * Encryption of a cluster's traffic with a shared AES key (JGroups SYM_ENCRYPT): every member
 * reads the same secret key from a keystore. A member without it can neither join nor read.
 *
 * <p>A password may be given as a reference instead of the password itself:
 * {@code ${env.NAME}} reads environment variable {@code NAME}, {@code ${NAME}} reads system
 * property {@code NAME}, when the manager opens.
 *
 * @param keystore where the keystore is: {@code file:PATH} or {@code classpath:NAME}
 * @param keystoreType the keystore's type, such as {@code PKCS12} (the default) or {@code JCEKS}
 * @param keystorePassword the keystore's password, or a reference to it
 * @param keyAlias the alias of the secret key in the keystore
 * @param keyPassword the key's password (or a reference), when it differs from the keystore's
 * @throws IllegalArgumentException when the keystore is not a {@code file:}/{@code classpath:}
 *     location, or the type, password or alias is blank
 */
public record ClusterEncryption(String keystore, String keystoreType, String keystorePassword,
    String keyAlias, Optional<String> keyPassword) {

  public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

  /** Manager property replacing {@code keystore} of {@code <encryption>}. */
  public static final String KEYSTORE_PROPERTY = "tandem.cluster.encryption.keystore";
  /** Manager property replacing {@code keystore-type} of {@code <encryption>}. */
  public static final String KEYSTORE_TYPE_PROPERTY = "tandem.cluster.encryption.keystore-type";
  /** Manager property replacing {@code keystore-password} of {@code <encryption>}. */
  public static final String KEYSTORE_PASSWORD_PROPERTY =
      "tandem.cluster.encryption.keystore-password";
  /** Manager property replacing {@code key-alias} of {@code <encryption>}. */
  public static final String KEY_ALIAS_PROPERTY = "tandem.cluster.encryption.key-alias";
  /** Manager property replacing {@code key-password} of {@code <encryption>}. */
  public static final String KEY_PASSWORD_PROPERTY = "tandem.cluster.encryption.key-password";

  private static final Pattern LOCATION = Pattern.compile("(classpath|file):\\S+");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env\\.)?([^}\\s]+)}");

  public ClusterEncryption {
    keystore = parseKeystore(Objects.requireNonNull(keystore, "keystore"));
    Objects.requireNonNull(keystoreType, "keystoreType");
    keystoreType = keystoreType.strip();
    if (keystoreType.isEmpty()) {
      throw new IllegalArgumentException("the keystore type is empty; use PKCS12 or JCEKS");
    }
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    if (keystorePassword.isEmpty()) {
      throw new IllegalArgumentException("the keystore password is empty; give the keystore's"
          + " password, or a reference such as ${env.TANDEM_KEYSTORE_PASSWORD}");
    }
    Objects.requireNonNull(keyAlias, "keyAlias");
    keyAlias = keyAlias.strip();
    if (keyAlias.isEmpty()) {
      throw new IllegalArgumentException("the key alias is empty; give the alias of the secret"
          + " key in the keystore");
    }
    Objects.requireNonNull(keyPassword, "keyPassword");
  }

  /** The key {@code alias} of the PKCS12 keystore at {@code keystore}, with one password. */
  public static ClusterEncryption of(String keystore, String password, String alias) {
    return new ClusterEncryption(keystore, DEFAULT_KEYSTORE_TYPE, password, alias,
        Optional.empty());
  }

  public ClusterEncryption withKeystore(String keystore) {
    return new ClusterEncryption(keystore, keystoreType, keystorePassword, keyAlias, keyPassword);
  }

  public ClusterEncryption withKeystoreType(String type) {
    return new ClusterEncryption(keystore, type, keystorePassword, keyAlias, keyPassword);
  }

  public ClusterEncryption withKeystorePassword(String password) {
    return new ClusterEncryption(keystore, keystoreType, password, keyAlias, keyPassword);
  }

  public ClusterEncryption withKeyAlias(String alias) {
    return new ClusterEncryption(keystore, keystoreType, keystorePassword, alias, keyPassword);
  }

  public ClusterEncryption withKeyPassword(String password) {
    return new ClusterEncryption(keystore, keystoreType, keystorePassword, keyAlias,
        Optional.of(password));
  }

  /**
   * The keystore password, a reference resolved.
   *
   * @throws CacheException when it references an environment variable or system property that
   *     is not set
   */
  public char[] resolvedKeystorePassword() {
    return resolve(keystorePassword, "keystore-password", KEYSTORE_PASSWORD_PROPERTY)
        .toCharArray();
  }

  /** The key password (the keystore's unless given), a reference resolved. */
  public char[] resolvedKeyPassword() {
    return keyPassword.isEmpty() ? resolvedKeystorePassword()
        : resolve(keyPassword.get(), "key-password", KEY_PASSWORD_PROPERTY).toCharArray();
  }

  private static String resolve(String value, String attribute, String property) {
    Matcher m = REFERENCE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    boolean env = m.group(1) != null;
    String name = m.group(2);
    String resolved = env ? System.getenv(name) : System.getProperty(name);
    if (resolved == null || resolved.isEmpty()) {
      throw new CacheException("The cluster's " + attribute + " (or " + property + ") is "
          + value + ", but " + (env ? "environment variable " : "system property ") + name
          + " is not set: " + (env ? "export " + name + " before starting the JVM"
              : "start the JVM with -D" + name + "=...") + ", or give the password itself.");
    }
    return resolved;
  }

  /** A keystore location: {@code file:PATH} or {@code classpath:NAME}. */
  static String parseKeystore(String text) {
    String location = text.strip();
    if (!LOCATION.matcher(location).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a keystore location; use"
          + " file:PATH (such as file:/etc/tandem/cluster.p12) or classpath:NAME");
    }
    return location;
  }

  /** Passwords stay out of logs and exception messages. */
  @Override
  public String toString() {
    return "ClusterEncryption[keystore=" + keystore + ", keystoreType=" + keystoreType
        + ", keyAlias=" + keyAlias + "]";
  }
}
