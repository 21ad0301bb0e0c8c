package io.tandem.tck;

import java.util.Locale;
import javax.cache.annotation.BeanProvider;

/**
 * The one {@link BeanProvider} registered in {@code META-INF/services}: the TCK takes the first
 * provider {@link java.util.ServiceLoader} finds, so the run chooses the implementation with the
 * system property {@value #PROPERTY} instead, {@code spring} (the default, {@link
 * SpringBeanProvider}) or {@code cdi} ({@link WeldBeanProvider}). An unknown value fails the
 * TCK's static initializer, which makes the TCK exclude the 12 annotation tests, which the
 * report check then fails on.
 */
public final class SelectedBeanProvider implements BeanProvider {

  /** System property naming the bean provider of this run. */
  public static final String PROPERTY = "tck.beanProvider";

  private final BeanProvider selected;

  /** Called by {@link java.util.ServiceLoader}. */
  public SelectedBeanProvider() {
    String name = System.getProperty(PROPERTY, "spring").trim().toLowerCase(Locale.ROOT);
    selected = switch (name) {
      case "spring" -> new SpringBeanProvider();
      case "cdi" -> new WeldBeanProvider();
      default -> throw new IllegalArgumentException(
          PROPERTY + "=" + name + ": expected spring or cdi");
    };
    System.err.println("TCK BeanProvider: " + selected.getClass().getName());
  }

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return selected.getBeanByType(beanClass);
  }
}
