package io.tandem.jcache.serialization;

import java.util.List;

/**
 * Classes a library built on Tandem stores in caches, allowed by every cache manager without
 * configuration. Found with {@link java.util.ServiceLoader} on the manager's class loader (register
 * an implementation in {@code META-INF/services/io.tandem.jcache.serialization.TrustedClasses}).
 *
 * <p>Meant for Tandem's own modules (the session store's records) and libraries like them: list
 * exact class names of plain data types, never package patterns. A jar on the class path can run
 * code anyway, so this grants it nothing it did not have; it keeps the application's own allowlist
 * free of other libraries' internals.
 */
public interface TrustedClasses {

  /** Exact binary class names. */
  List<String> classNames();
}
