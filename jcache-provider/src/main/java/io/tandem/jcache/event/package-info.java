/**
 * Delivery of cache entry events to registered listeners: synchronous ones in the caller's thread,
 * asynchronous ones in per-key order on an executor. Imports nothing from other Tandem packages.
 */
package io.tandem.jcache.event;
