/**
 * JCache statistics and the two JCache MXBeans, and their registration in the platform
 * MBeanServer under {@code javax.cache}. Imports nothing from other Tandem packages.
 */
package io.tandem.jcache.management;
