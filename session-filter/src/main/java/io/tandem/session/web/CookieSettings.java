package io.tandem.session.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the session cookie is written.
 *
 * @param name the cookie name
 * @param path the Path attribute, or null for the context path ({@code /} for the root context)
 * @param domain the Domain attribute, or null for none (the cookie stays with the host)
 * @param secure {@code ALWAYS} or only {@code WHEN_REQUEST_SECURE}
 * @param httpOnly whether to add HttpOnly
 * @param maxAge the Max-Age attribute in seconds; negative for none (a browser-session cookie)
 * @param sameSite the SameSite value ({@code Lax}, {@code Strict}, {@code None}) or null for none
 * @param attributes further attributes written as they are ({@code Partitioned} and the like);
 *     an empty value writes the bare attribute name
 */
public record CookieSettings(String name, String path, String domain, Secure secure,
    boolean httpOnly, int maxAge, String sameSite, Map<String, String> attributes) {

  /** The default cookie name: not {@code JSESSIONID}, which the container itself may set. */
  public static final String DEFAULT_NAME = "TSESSION";

  /** When the cookie carries the Secure attribute. */
  public enum Secure {
    /** Always: the browser sends it over HTTPS only. */
    ALWAYS,
    /** When the request that gets the cookie came over HTTPS (or a proxy said so). */
    WHEN_REQUEST_SECURE
  }

  public CookieSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secure, "secure");
    if (!isToken(name)) {
      throw new IllegalArgumentException("Invalid session cookie name '" + name + "'");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Secure defaults: {@value #DEFAULT_NAME}, HttpOnly, Secure on HTTPS, SameSite=Lax. */
  public static CookieSettings defaults() {
    return new CookieSettings(DEFAULT_NAME, null, null, Secure.WHEN_REQUEST_SECURE, true, -1,
        "Lax", Map.of());
  }

  /** RFC 7230 token characters: what a cookie name may hold. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
