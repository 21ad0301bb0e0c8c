/**
 * The JCache surface of a cache: argument checks, statistics, and turning every mutating call into
 * a {@code KeyCommand} that {@code TandemCacheImpl.execute} runs under the key's lock and commits
 * in one place. Uses the store, event, management, serialization and config packages; nothing
 * outside {@code io.tandem.jcache} uses it but the manager.
 */
package io.tandem.jcache.cache;
