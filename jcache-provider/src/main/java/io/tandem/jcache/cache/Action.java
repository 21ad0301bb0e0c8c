package io.tandem.jcache.cache;

/**
 * The net effect of a command on its entry. It alone decides what happens next: which
 * {@code ExpiryPolicy} method is asked, whether the writer is called, which event fires and which
 * statistic counts, so every operation follows the same rules.
 */
enum Action {
  /** Nothing observable: no expiry call, no event. */
  NONE,
  /** The value was read: the access expiry applies. */
  READ,
  /** A value was put where there was none: writer, creation expiry, CREATED, a put. */
  CREATED,
  /** A value came from the loader: creation (or update) expiry and an event, no writer, no put. */
  LOADED,
  /** An existing value was replaced: writer, update expiry, UPDATED, a put. */
  UPDATED,
  /** The entry was removed: writer delete, REMOVED and a removal if it existed. */
  DELETED
}
