package io.tandem.samples.springcache;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.cache.JCachePropertiesCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot application whose {@link ProductService} is cached by Tandem. Everything about
 * the cache is in {@code application.properties} ({@code spring.cache.jcache.provider} and
 * {@code spring.cache.jcache.config}) and {@code tandem.xml}.
 *
 * <p>Run two of it on one machine ({@code mvn exec:java} twice, the second with
 * {@code -Dtandem.cluster.bind-port=7801}) and they share the cache.
 */
@SpringBootApplication
@EnableCaching
public class SpringCacheSample {

  /** Manager properties that may be given as Spring properties, per instance. */
  static final List<String> MANAGER_PROPERTIES = List.of("tandem.cluster.name",
      "tandem.cluster.stack", "tandem.cluster.bind-address", "tandem.cluster.bind-port",
      "tandem.cluster.members");

  /**
   * Hands {@code tandem.cluster.*} Spring properties (command line, environment, profile files)
   * to the Tandem cache manager, where they override {@code tandem.xml}: one file for every
   * instance, the port or address set per instance.
   */
  @Bean
  JCachePropertiesCustomizer tandemClusterProperties(Environment environment) {
    return properties -> {
      for (String name : MANAGER_PROPERTIES) {
        String value = environment.getProperty(name);
        if (value != null) {
          properties.setProperty(name, value);
        }
      }
    };
  }

  public static void main(String[] args) {
    try (ConfigurableApplicationContext context =
        SpringApplication.run(SpringCacheSample.class, args)) {
      ProductService products = context.getBean(ProductService.class);
      for (String sku : List.of("apple", "pear", "apple", "apple")) {
        System.out.println(products.find(sku) + " (loads so far: " + products.loads() + ")");
      }
    }
  }
}
