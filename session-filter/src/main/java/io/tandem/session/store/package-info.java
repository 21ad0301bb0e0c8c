/**
 * Sessions as data in a JCache: {@link io.tandem.session.store.SessionState} (one entry per
 * session), {@link io.tandem.session.store.SessionDelta} (what a request changed, applied by an
 * EntryProcessor), {@link io.tandem.session.store.SessionRepository} (find, save, delete, change
 * id), the session events made of the cache's ({@code SessionEvents}: created, deleted, expired,
 * once in the cluster) and the attribute codec.
 *
 * <p>May use JCache and {@code io.tandem.jcache}; must not import {@code jakarta.servlet}: the
 * storage knows nothing of requests, cookies or listeners.
 */
package io.tandem.session.store;
