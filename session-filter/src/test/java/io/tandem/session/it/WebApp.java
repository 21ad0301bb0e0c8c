package io.tandem.session.it;

import io.tandem.session.TandemSessionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The test webapp as a ServletContainerInitializer, so that Tomcat and Jetty install exactly the
 * same thing, the way an application registers the filter programmatically.
 */
public final class WebApp implements ServletContainerInitializer {

  final TandemSessionFilter filter;
  final Map<String, String> initParameters;
  final CountingListener listener = new CountingListener();

  WebApp(TandemSessionFilter filter, Map<String, String> initParameters) {
    this.filter = filter;
    this.initParameters = initParameters;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    TandemSessionFilter.addSessionListener(context, listener);
    FilterRegistration.Dynamic f = context.addFilter("tandem-sessions", filter);
    f.setInitParameters(initParameters);
    f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false,
        "/*");
    context.addServlet("app", new AppServlet()).addMapping("/app/*");
  }
}
