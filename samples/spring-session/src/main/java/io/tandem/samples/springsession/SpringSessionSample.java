package io.tandem.samples.springsession;

import io.tandem.jcache.TandemCachingProvider;
import io.tandem.session.spring.EnableTandemHttpSession;
import io.tandem.session.spring.TandemHttpSessionConfiguration;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with Spring Security's form login whose sessions live in a replicated Tandem
 * cache: log in on one instance, be logged in on every instance; log out on one, be logged out
 * on all. Users: alice/alice-secret, bob/bob-secret.
 */
@SpringBootApplication
@EnableTandemHttpSession
@RestController
public class SpringSessionSample {

  static final List<String> MANAGER_PROPERTIES = List.of("tandem.cluster.name",
      "tandem.cluster.stack", "tandem.cluster.bind-address", "tandem.cluster.bind-port",
      "tandem.cluster.members");

  /**
   * A failed login goes back to {@code /login?error} without keeping the exception in the
   * session. Spring Security's default failure handler stores the {@code AuthenticationException}
   * as the session attribute {@code SPRING_SECURITY_LAST_EXCEPTION}, and Tandem's codec cannot
   * store a {@code Throwable} on JDK 17 (its state is in private fields of {@code java.base}), so
   * a wrong password would end in a 500. The handler is replaced on the filter rather than with
   * {@code formLogin().failureHandler(…)}, which would also drop the failure URL from the default
   * login page ({@code /login?error} would then need a login). The page says "Invalid
   * credentials".
   */
  static final ObjectPostProcessor<UsernamePasswordAuthenticationFilter>
      KEEP_NO_EXCEPTION_IN_THE_SESSION = new ObjectPostProcessor<>() {
        @Override
        public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O filter) {
          filter.setAuthenticationFailureHandler((request, response, exception) ->
              response.sendRedirect(request.getContextPath() + "/login?error"));
          return filter;
        }
      };

  @GetMapping("/")
  String home(Principal principal, HttpSession session) {
    return "Hello " + principal.getName() + " (session " + session.getId() + ")";
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
        .formLogin(form -> form.addObjectPostProcessor(KEEP_NO_EXCEPTION_IN_THE_SESSION))
        .logout(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}alice-secret").roles("USER").build(),
        User.withUsername("bob").password("{noop}bob-secret").roles("USER").build());
  }

  /**
   * The Tandem manager of the session cache: the file named by {@code tandem.session.config}
   * (default {@code classpath:tandem.xml}) with the {@code tandem.cluster.*} Spring properties on
   * top, so one file serves every instance.
   */
  @Bean(destroyMethod = "close")
  @Qualifier(TandemHttpSessionConfiguration.SESSION_CACHE_MANAGER)
  CacheManager tandemSessionCacheManager(Environment environment) {
    Properties properties = new Properties();
    for (String name : MANAGER_PROPERTIES) {
      String value = environment.getProperty(name);
      if (value != null) {
        properties.setProperty(name, value);
      }
    }
    ClassLoader loader = getClass().getClassLoader();
    return Caching.getCachingProvider(TandemCachingProvider.class.getName(), loader)
        .getCacheManager(URI.create(environment.getProperty("tandem.session.config",
            "classpath:tandem.xml")), loader, properties);
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringSessionSample.class, args);
  }
}
