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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
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

  @GetMapping("/")
  String home(Principal principal, HttpSession session) {
    return "Hello " + principal.getName() + " (session " + session.getId() + ")";
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(r -> r.anyRequest().authenticated())
        .formLogin(Customizer.withDefaults())
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
