package io.tandem.session;

import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.store.CodecAttributeCodec;
import io.tandem.session.store.SessionIds;
import io.tandem.session.store.SessionRepository;
import io.tandem.session.store.SessionState;
import io.tandem.session.web.SessionFilterChain;
import io.tandem.session.web.SessionListeners;
import io.tandem.session.web.SessionSupport;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EventListener;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * Keeps the webapp's {@code HttpSession}s in a Tandem cache instead of the container's session
 * manager. Map it to {@code /*} ahead of every other filter, for the REQUEST and ERROR
 * dispatcher types (also ASYNC if the webapp uses asynchronous servlets).
 *
 * <p>Settings come from the webapp ({@code session-timeout}, {@code SessionCookieConfig}) and
 * can be overridden by init-parameters; {@link FilterSettings} lists them all and
 * {@code docs/sessions.md} explains them. Programmatic registration may pass the cache itself
 * with {@link #TandemSessionFilter(Cache)}.
 *
 * <p>The webapp's session listeners cannot be read from the container portably, so they are
 * named in the {@value FilterSettings#SESSION_LISTENERS} init-parameter, or registered with
 * {@link #addSessionListener(ServletContext, EventListener)} before the filter starts (from a
 * {@code ServletContextListener}, for instance). Binding listeners need nothing: they are called
 * on the attribute values themselves.
 */
public class TandemSessionFilter implements Filter {

  /** The servlet-context attribute holding listeners added by {@link #addSessionListener}. */
  public static final String LISTENERS_ATTRIBUTE = "io.tandem.session.listeners";

  private static final System.Logger LOG = System.getLogger(TandemSessionFilter.class.getName());

  private final Cache<String, SessionState> givenCache;
  private SessionSupport support;
  private AutoCloseable expirySubscription;

  /** A filter that finds its cache from its init-parameters. */
  public TandemSessionFilter() {
    this.givenCache = null;
  }

  /**
   * A filter on {@code cache} (a Tandem cache of session id to {@link SessionState}); the
   * cache-name and cache-manager-uri init-parameters are then ignored.
   */
  public TandemSessionFilter(Cache<String, SessionState> cache) {
    this.givenCache = cache;
  }

  /**
   * Registers {@code listener} (an {@code HttpSessionListener}, {@code
   * HttpSessionAttributeListener} or {@code HttpSessionIdListener}) with the filters of this
   * webapp that have not started yet.
   */
  @SuppressWarnings("unchecked")
  public static synchronized void addSessionListener(ServletContext context,
      EventListener listener) {
    Object list = context.getAttribute(LISTENERS_ATTRIBUTE);
    List<EventListener> listeners;
    if (list instanceof List<?> existing) {
      listeners = (List<EventListener>) existing;
    } else {
      listeners = new ArrayList<>();
      context.setAttribute(LISTENERS_ATTRIBUTE, listeners);
    }
    listeners.add(listener);
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    ServletContext context = config.getServletContext();
    FilterSettings settings = FilterSettings.read(config);
    ClassLoader loader = webappClassLoader(context);
    Cache<String, SessionState> cache = givenCache != null
        ? givenCache : openCache(settings.cacheManagerUri(), settings.cacheName(), loader);
    SessionRepository repository = new SessionRepository(cache,
        CodecAttributeCodec.of(cache.getCacheManager()), new SessionIds(settings.idBytes()),
        System::currentTimeMillis);
    SessionListeners listeners = new SessionListeners(listeners(context, settings, loader));
    support = new SessionSupport(context, repository, settings.idResolver(),
        listeners, settings.maxInactiveSeconds(), settings.absoluteTimeoutSeconds(),
        settings.saveMutatedAttributes());
    expirySubscription = repository.onExpiry(support::expired);
    LOG.log(System.Logger.Level.INFO, "Tandem sessions for " + context.getContextPath()
        + " in cache " + cache.getName() + " of " + cache.getCacheManager().getURI() + "; "
        + settings + "; " + listeners);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (support == null) {
      throw new ServletException("TandemSessionFilter used before init");
    }
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse) {
      SessionFilterChain.run(support, http, httpResponse, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  @Override
  public void destroy() {
    if (expirySubscription != null) {
      try {
        expirySubscription.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Could not stop listening to session expiry", e);
      }
      expirySubscription = null;
    }
    // The cache manager is shared (same URI and class loader, same manager): not ours to close.
  }

  private static ClassLoader webappClassLoader(ServletContext context) {
    ClassLoader loader = context.getClassLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    return loader != null ? loader : TandemSessionFilter.class.getClassLoader();
  }

  /** The named cache of the manager at {@code uri}, created by reference when it is missing. */
  static Cache<String, SessionState> openCache(URI uri, String name, ClassLoader loader) {
    CacheManager manager = Caching
        .getCachingProvider(TandemCachingProvider.class.getName(), loader)
        .getCacheManager(uri, loader);
    return SessionRepository.openCache(manager, name);
  }

  private static List<EventListener> listeners(ServletContext context, FilterSettings settings,
      ClassLoader loader) throws ServletException {
    List<EventListener> all = new ArrayList<>();
    for (String className : settings.sessionListeners()) {
      try {
        Class<?> type = Class.forName(className, true, loader);
        Object listener = type.getDeclaredConstructor().newInstance();
        if (!(listener instanceof EventListener l)) {
          throw new ServletException(className + " named in init-parameter "
              + FilterSettings.SESSION_LISTENERS + " is not an EventListener");
        }
        all.add(l);
      } catch (ReflectiveOperationException e) {
        throw new ServletException("Cannot create session listener " + className + " named in"
            + " init-parameter " + FilterSettings.SESSION_LISTENERS
            + ": it needs a public no-argument constructor", e);
      }
    }
    Object added = context.getAttribute(LISTENERS_ATTRIBUTE);
    if (added instanceof Collection<?> list) {
      for (Object o : list) {
        if (o instanceof EventListener l) {
          all.add(l);
        }
      }
    }
    return all;
  }
}
