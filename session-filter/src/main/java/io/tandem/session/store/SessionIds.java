package io.tandem.session.store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: random bytes from {@link SecureRandom}, in URL-safe Base64 without padding (letters,
 * digits, {@code -} and {@code _}), so they fit cookies, headers and URLs untouched. The default
 * 16 bytes give 128 bits, twice OWASP's 64-bit entropy floor.
 *
 * <p>{@link #isWellFormed} is the first gate for an id a client presents: anything of another
 * length or alphabet is no session, before the store is asked.
 */
public final class SessionIds {

  /** The fewest random bytes allowed: 128 bits. */
  public static final int MIN_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();
  private final int bytes;
  private final int length;

  /**
   * @param bytes random bytes per id, at least {@value #MIN_BYTES}
   * @throws IllegalArgumentException if {@code bytes} is below {@value #MIN_BYTES} or above 64
   */
  public SessionIds(int bytes) {
    if (bytes < MIN_BYTES || bytes > 64) {
      throw new IllegalArgumentException("session id length must be between " + MIN_BYTES
          + " and 64 random bytes, was " + bytes);
    }
    this.bytes = bytes;
    this.length = (bytes * 8 + 5) / 6;
  }

  /** A new id. */
  public String next() {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return ENCODER.encodeToString(b);
  }

  /** Whether {@code id} could have come from {@link #next()}: its length and alphabet. */
  public boolean isWellFormed(String id) {
    if (id == null || id.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
