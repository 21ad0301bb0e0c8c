/**
 * Declarative configuration of a Tandem CacheManager: the XML file
 * ({@code tandem-config-1.0.xsd}, namespace {@code urn:io.tandem:config:1.0}), the manager
 * properties that override it, and {@link io.tandem.jcache.config.TandemConfiguration}, the
 * programmatic form of a cache's settings.
 *
 * <p>{@link io.tandem.jcache.config.ManagerSettings} is the one entry point: the manager calls
 * {@code load} once when it opens. Everything else here is package-private: how the file is
 * found ({@code ConfigFile}), parsed securely and validated ({@code ConfigDocument},
 * {@code SchemaErrors}), and read into settings ({@code SettingsReader}, {@code ClusterReader},
 * {@code CacheReader}).
 * Every error is a {@link javax.cache.CacheException} naming the file, line and column, the
 * setting, and what would fix it.
 *
 * <p>This package may import the JDK, {@code javax.cache} and
 * {@code io.tandem.jcache.serialization} (for its settings record) only: configuration is read
 * before any cache, store or cluster exists, so it must not depend on them.
 */
package io.tandem.jcache.config;
