package io.tandem.session;

import io.tandem.session.store.SessionIds;
import io.tandem.session.web.CookieSessionIdResolver;
import io.tandem.session.web.CookieSettings;
import io.tandem.session.web.HeaderSessionIdResolver;
import io.tandem.session.web.SessionIdResolver;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The filter's settings: each init-parameter if given, else the webapp's own setting, else a
 * secure default. {@code docs/sessions.md} has the same list as a table.
 *
 * @param cacheName {@value #CACHE_NAME}
 * @param cacheManagerUri {@value #CACHE_MANAGER_URI}
 * @param idResolver built from {@value #ID_RESOLUTION}, {@value #HEADER_NAME} and the cookie
 *     settings
 * @param maxInactiveSeconds {@value #MAX_INACTIVE_INTERVAL}
 * @param absoluteTimeoutSeconds {@value #ABSOLUTE_TIMEOUT}
 * @param saveMutatedAttributes {@value #SAVE_MUTATED_ATTRIBUTES}
 * @param sessionListeners {@value #SESSION_LISTENERS}
 * @param idBytes {@value #ID_BYTES}
 */
public record FilterSettings(String cacheName, URI cacheManagerUri, SessionIdResolver idResolver,
    int maxInactiveSeconds, long absoluteTimeoutSeconds, boolean saveMutatedAttributes,
    List<String> sessionListeners, int idBytes) {

  /** Name of the session cache; default {@value #DEFAULT_CACHE_NAME}. */
  public static final String CACHE_NAME = "cache-name";
  /** URI of the cache manager; default the provider's default URI ({@code tandem:default}). */
  public static final String CACHE_MANAGER_URI = "cache-manager-uri";
  /** {@code cookie} (default) or {@code header}. */
  public static final String ID_RESOLUTION = "id-resolution";
  /** Header carrying the id with {@code id-resolution=header}; default {@code X-Auth-Token}. */
  public static final String HEADER_NAME = "header-name";
  /** Cookie name; default the webapp's, unless that is {@code JSESSIONID}, else TSESSION. */
  public static final String COOKIE_NAME = "cookie-name";
  /** Cookie Path; default the webapp's, else the context path. */
  public static final String COOKIE_PATH = "cookie-path";
  /** Cookie Domain; default the webapp's, else none. */
  public static final String COOKIE_DOMAIN = "cookie-domain";
  /** {@code auto} (Secure when the request is) or {@code always}; the webapp's secure=true means always. */
  public static final String COOKIE_SECURE = "cookie-secure";
  /** {@code true} (default) or {@code false}. */
  public static final String COOKIE_HTTP_ONLY = "cookie-http-only";
  /** Cookie Max-Age in seconds; default the webapp's, else none (-1). */
  public static final String COOKIE_MAX_AGE = "cookie-max-age";
  /** SameSite: {@code Lax} (default), {@code Strict}, {@code None}, or {@code omit}. */
  public static final String COOKIE_SAME_SITE = "cookie-same-site";
  /** Idle seconds before a session expires; default the webapp's session-timeout, else 1800. */
  public static final String MAX_INACTIVE_INTERVAL = "max-inactive-interval";
  /** Seconds after creation when a session ends however active; 0 (default) for none. */
  public static final String ABSOLUTE_TIMEOUT = "absolute-timeout";
  /** Whether attributes read and changed in place are saved: {@code true} (default). */
  public static final String SAVE_MUTATED_ATTRIBUTES = "save-mutated-attributes";
  /** Comma-separated class names of session listeners to create and call. */
  public static final String SESSION_LISTENERS = "session-listeners";
  /** Random bytes in a session id, at least 16 (default). */
  public static final String ID_BYTES = "id-bytes";

  /** The default cache name. */
  public static final String DEFAULT_CACHE_NAME = "tandem-sessions";
  /** The default idle limit: 30 minutes. */
  public static final int DEFAULT_MAX_INACTIVE_SECONDS = 1800;

  private static final Set<String> KNOWN = Set.of(CACHE_NAME, CACHE_MANAGER_URI, ID_RESOLUTION,
      HEADER_NAME, COOKIE_NAME, COOKIE_PATH, COOKIE_DOMAIN, COOKIE_SECURE, COOKIE_HTTP_ONLY,
      COOKIE_MAX_AGE, COOKIE_SAME_SITE, MAX_INACTIVE_INTERVAL, ABSOLUTE_TIMEOUT,
      SAVE_MUTATED_ATTRIBUTES, SESSION_LISTENERS, ID_BYTES);

  /** Cookie attributes that {@link CookieSettings} writes itself. */
  private static final Set<String> OWN_ATTRIBUTES = Set.of("name", "path", "domain", "secure",
      "httponly", "max-age", "expires", "samesite", "comment");

  /**
   * Reads the filter's init-parameters over the webapp's settings.
   *
   * @throws ServletException naming the init-parameter when one is unknown or has a bad value
   */
  public static FilterSettings read(FilterConfig config) throws ServletException {
    Params p = new Params(config);
    for (var names = config.getInitParameterNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      if (!KNOWN.contains(name)) {
        throw new ServletException("Unknown init-parameter '" + name + "' of filter "
            + config.getFilterName() + "; TandemSessionFilter knows " + KNOWN);
      }
    }
    ServletContext context = config.getServletContext();
    String cacheName = p.get(CACHE_NAME, DEFAULT_CACHE_NAME, Function.identity());
    URI uri = p.get(CACHE_MANAGER_URI, null, URI::create);

    // A webapp timeout of zero or less ("never") is not taken from the webapp: Jetty reports
    // -1 for any context without a session-timeout, and a session that never ends is a risk
    // (OWASP). The init-parameter can still ask for it explicitly.
    int webappTimeout = DEFAULT_MAX_INACTIVE_SECONDS;
    try {
      int minutes = context.getSessionTimeout();
      if (minutes > 0) {
        webappTimeout = minutes * 60;
      }
    } catch (UnsupportedOperationException e) {
      // some containers refuse it from a filter added by a ServletContainerInitializer
    }
    int maxInactive = p.get(MAX_INACTIVE_INTERVAL, webappTimeout, Integer::parseInt);
    long absolute = p.get(ABSOLUTE_TIMEOUT, 0L, Long::parseLong);
    boolean saveMutated = p.get(SAVE_MUTATED_ATTRIBUTES, true, Params::bool);
    List<String> listeners = p.get(SESSION_LISTENERS, List.of(), v -> Arrays.stream(v.split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList());
    int idBytes = p.get(ID_BYTES, SessionIds.MIN_BYTES, v -> {
      int n = Integer.parseInt(v);
      if (n < SessionIds.MIN_BYTES || n > 64) {
        throw new IllegalArgumentException("between " + SessionIds.MIN_BYTES + " and 64");
      }
      return n;
    });

    String mode = p.get(ID_RESOLUTION, "cookie", v -> {
      String m = v.toLowerCase(Locale.ROOT);
      if (!m.equals("cookie") && !m.equals("header")) {
        throw new IllegalArgumentException("cookie or header");
      }
      return m;
    });
    SessionIdResolver resolver = mode.equals("header")
        ? new HeaderSessionIdResolver(p.get(HEADER_NAME, HeaderSessionIdResolver.DEFAULT_HEADER,
            Function.identity()))
        : new CookieSessionIdResolver(cookieSettings(p, context.getSessionCookieConfig()));
    return new FilterSettings(cacheName, uri == null ? defaultUri() : uri, resolver, maxInactive,
        absolute, saveMutated, listeners, idBytes);
  }

  private static URI defaultUri() {
    return URI.create("tandem:default");
  }

  private static CookieSettings cookieSettings(Params p, SessionCookieConfig webapp)
      throws ServletException {
    CookieSettings defaults = CookieSettings.defaults();
    String webappName = webapp != null ? webapp.getName() : null;
    String name = p.get(COOKIE_NAME,
        webappName == null || webappName.equalsIgnoreCase("JSESSIONID")
            ? defaults.name() : webappName, Function.identity());
    String path = p.get(COOKIE_PATH, webapp != null ? webapp.getPath() : null,
        Function.identity());
    String domain = p.get(COOKIE_DOMAIN, webapp != null ? webapp.getDomain() : null,
        Function.identity());
    CookieSettings.Secure secure = p.get(COOKIE_SECURE,
        webapp != null && webapp.isSecure() ? CookieSettings.Secure.ALWAYS : defaults.secure(),
        v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
          case "auto" -> CookieSettings.Secure.WHEN_REQUEST_SECURE;
          case "always", "true" -> CookieSettings.Secure.ALWAYS;
          default -> throw new IllegalArgumentException("auto or always");
        });
    boolean httpOnly = p.get(COOKIE_HTTP_ONLY, defaults.httpOnly(), Params::bool);
    int maxAge = p.get(COOKIE_MAX_AGE, webapp != null ? webapp.getMaxAge() : -1,
        Integer::parseInt);
    Map<String, String> extra = new LinkedHashMap<>();
    String webappSameSite = null;
    if (webapp != null) {
      for (Map.Entry<String, String> a : webapp.getAttributes().entrySet()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        if (key.equals("samesite")) {
          webappSameSite = a.getValue();
        } else if (!OWN_ATTRIBUTES.contains(key) && a.getValue() != null
            && !a.getValue().equalsIgnoreCase("false")) {
          extra.put(a.getKey(), a.getValue());
        }
      }
    }
    String sameSite = p.get(COOKIE_SAME_SITE,
        webappSameSite != null && !webappSameSite.isBlank() ? webappSameSite : defaults.sameSite(),
        v -> {
          String s = v.strip();
          return switch (s.toLowerCase(Locale.ROOT)) {
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            case "none" -> "None";
            case "omit", "" -> null;
            default -> throw new IllegalArgumentException("Lax, Strict, None or omit");
          };
        });
    try {
      return new CookieSettings(name, path, domain, secure, httpOnly, maxAge, sameSite, extra);
    } catch (IllegalArgumentException e) {
      throw new ServletException(e.getMessage() + " (init-parameter " + COOKIE_NAME
          + " or the webapp's session-config)", e);
    }
  }

  @Override
  public String toString() {
    String ids = idResolver instanceof CookieSessionIdResolver c
        ? "cookie " + c.settings().name() : "header";
    return "ids in " + ids + ", max-inactive " + maxInactiveSeconds + "s, absolute-timeout "
        + (absoluteTimeoutSeconds > 0 ? absoluteTimeoutSeconds + "s" : "none")
        + ", save-mutated-attributes " + saveMutatedAttributes;
  }

  /** Init-parameters with their errors named. */
  private static final class Params {
    private final FilterConfig config;

    Params(FilterConfig config) {
      this.config = config;
    }

    <T> T get(String name, T fallback, Function<String, T> parse) throws ServletException {
      String value = config.getInitParameter(name);
      if (value == null) {
        return fallback;
      }
      try {
        return parse.apply(value.strip());
      } catch (RuntimeException e) {
        throw new ServletException("Invalid init-parameter " + name + "=" + value + " of filter "
            + config.getFilterName() + (e.getMessage() != null ? ": expected " + e.getMessage()
            : ""), e);
      }
    }

    static boolean bool(String v) {
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("true or false");
      };
    }
  }
}
