package io.tandem.session.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdResolversTest {

  private static HttpServletRequest request(boolean secure, Cookie[] cookies,
      Map<String, List<String>> headers) {
    return (HttpServletRequest) Proxy.newProxyInstance(IdResolversTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "isSecure" -> secure;
          case "getCookies" -> cookies;
          case "getContextPath" -> "/shop";
          case "getHeaders" -> Collections.enumeration(headers.getOrDefault(args[0], List.of()));
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void cookieHeaderCarriesTheSecureDefaults() {
    var resolver = new CookieSessionIdResolver(CookieSettings.defaults());
    assertEquals("TSESSION=abc; Path=/shop; HttpOnly; SameSite=Lax",
        resolver.header(request(false, null, Map.of()), "abc", -1));
    assertEquals("TSESSION=abc; Path=/shop; Secure; HttpOnly; SameSite=Lax",
        resolver.header(request(true, null, Map.of()), "abc", -1));
    assertTrue(resolver.header(request(false, null, Map.of()), "", 0)
        .startsWith("TSESSION=; Path=/shop; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
  }

  @Test
  void configuredCookieAttributesAreWritten() {
    var settings = new CookieSettings("APP", "/", "example.com", CookieSettings.Secure.ALWAYS,
        false, 60, "Strict", Map.of("Partitioned", ""));
    String header = new CookieSessionIdResolver(settings)
        .header(request(false, null, Map.of()), "abc", 60);
    assertTrue(header.matches("APP=abc; Path=/; Domain=example.com; Max-Age=60; Expires=[^;]+;"
        + " Secure; SameSite=Strict; Partitioned"), header);
  }

  @Test
  void onlyAFewCookiesOfTheSessionNameAreLookedAt() {
    Cookie[] many = new Cookie[50];
    for (int i = 0; i < many.length; i++) {
      many[i] = new Cookie("TSESSION", "v" + i);
    }
    var ids = new CookieSessionIdResolver(CookieSettings.defaults())
        .resolve(request(false, many, Map.of()));
    assertEquals(List.of("v0", "v1", "v2", "v3"), ids);
  }

  @Test
  void headerResolutionReadsTheConfiguredHeader() {
    var resolver = new HeaderSessionIdResolver("X-Auth-Token");
    assertEquals(List.of("abc"), resolver.resolve(
        request(false, null, Map.of("X-Auth-Token", List.of(" abc ")))));
    assertEquals(List.of(), resolver.resolve(request(false, null, Map.of())));
  }

  @Test
  void aCookieNameMustBeAToken() {
    assertThrows(IllegalArgumentException.class, () -> new CookieSettings("bad name", null, null,
        CookieSettings.Secure.ALWAYS, true, -1, "Lax", Map.of()));
  }
}
