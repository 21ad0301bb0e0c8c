/**
 * The default cache keys of the JSR-107 annotations: {@link
 * io.tandem.jcache.annotation.key.ParameterKeyGenerator} and the key it makes, {@link
 * io.tandem.jcache.annotation.key.ParameterKey}.
 *
 * <p>This package holds exactly the classes a by-value cache must be able to serialize for the
 * default key, so a serialization allowlist can name {@code io.tandem.jcache.annotation.key.ParameterKey}
 * (or this package, {@code io.tandem.jcache.annotation.key.*}) and nothing more. The key's
 * parameter values must be allowed on their own.
 *
 * <p>Imports only {@code javax.cache.annotation} and the JDK: no CDI, no other Tandem package.
 */
package io.tandem.jcache.annotation.key;
