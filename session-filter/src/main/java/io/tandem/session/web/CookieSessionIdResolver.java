package io.tandem.session.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The id in a cookie. The {@code Set-Cookie} header is written by hand, so that SameSite and any
 * other attribute appear exactly as configured on every container.
 */
public final class CookieSessionIdResolver implements SessionIdResolver {

  /** A client sending more cookies of our name than this is up to no good; the rest are ignored. */
  private static final int MAX_CANDIDATES = 4;

  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private final CookieSettings settings;

  public CookieSessionIdResolver(CookieSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings cookies are written with. */
  public CookieSettings settings() {
    return settings;
  }

  @Override
  public List<String> resolve(HttpServletRequest request) {
    Cookie[] cookies;
    try {
      cookies = request.getCookies();
    } catch (RuntimeException e) {
      return List.of(); // a container that chokes on a malformed Cookie header: no session
    }
    if (cookies == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(1);
    for (Cookie cookie : cookies) {
      if (settings.name().equals(cookie.getName()) && cookie.getValue() != null
          && !cookie.getValue().isEmpty()) {
        ids.add(cookie.getValue());
        if (ids.size() == MAX_CANDIDATES) {
          break;
        }
      }
    }
    return ids;
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response, String id) {
    response.addHeader("Set-Cookie", header(request, id, settings.maxAge()));
  }

  @Override
  public void expire(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", header(request, "", 0));
  }

  @Override
  public boolean usesCookies() {
    return true;
  }

  /** The {@code Set-Cookie} value for {@code value} (URL-safe: no quoting needed). */
  String header(HttpServletRequest request, String value, int maxAge) {
    StringBuilder b = new StringBuilder(160);
    b.append(settings.name()).append('=').append(value);
    b.append("; Path=").append(path(request));
    if (settings.domain() != null) {
      b.append("; Domain=").append(settings.domain());
    }
    if (maxAge >= 0) {
      b.append("; Max-Age=").append(maxAge);
      b.append("; Expires=").append(EXPIRES.format(maxAge == 0
          ? ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
          : ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(maxAge)));
    }
    if (settings.secure() == CookieSettings.Secure.ALWAYS || request.isSecure()) {
      b.append("; Secure");
    }
    if (settings.httpOnly()) {
      b.append("; HttpOnly");
    }
    if (settings.sameSite() != null) {
      b.append("; SameSite=").append(settings.sameSite());
    }
    for (Map.Entry<String, String> a : settings.attributes().entrySet()) {
      b.append("; ").append(a.getKey());
      if (!a.getValue().isEmpty()) {
        b.append('=').append(a.getValue());
      }
    }
    return b.toString();
  }

  private String path(HttpServletRequest request) {
    if (settings.path() != null) {
      return settings.path();
    }
    String context = request.getContextPath();
    return context == null || context.isEmpty() ? "/" : context;
  }
}
