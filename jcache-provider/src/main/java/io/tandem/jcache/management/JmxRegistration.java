package io.tandem.jcache.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's MXBeans in the platform MBeanServer under the names JCache prescribes:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}.
 * Nothing else of Tandem's ever goes into the {@code javax.cache} domain.
 */
public final class JmxRegistration {

  /** The two kinds of JCache MXBean. */
  public enum Kind {
    CONFIGURATION("CacheConfiguration"),
    STATISTICS("CacheStatistics");

    private final String type;

    Kind(String type) {
      this.type = type;
    }
  }

  private JmxRegistration() {}

  /** Registers {@code bean} unless a bean of that name is already there. */
  public static void register(Object bean, String managerUri, String cacheName, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, kind);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently by the same cache: fine
    } catch (Exception e) {
      throw new CacheException("Could not register the " + kind.type + " MXBean " + name, e);
    }
  }

  public static void unregister(String managerUri, String cacheName, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, kind);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // unregistered concurrently: fine
    } catch (Exception e) {
      throw new CacheException("Could not unregister the " + kind.type + " MXBean " + name, e);
    }
  }

  static ObjectName objectName(String managerUri, String cacheName, Kind kind) {
    try {
      return new ObjectName("javax.cache:type=" + kind.type + ",CacheManager=" + safe(managerUri)
          + ",Cache=" + safe(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Illegal MXBean name for cache " + cacheName, e);
    }
  }

  /** JCache's rule: the characters {@code , : = newline} become a period. */
  private static String safe(String s) {
    return s == null ? "" : s.replaceAll("[,:=\n]", ".");
  }
}
