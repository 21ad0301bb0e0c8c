/**
 * Turning keys and values into bytes and back: the {@link io.tandem.jcache.serialization.Codec}
 * interface, its Kryo implementation {@link io.tandem.jcache.serialization.KryoCodec} (a pool of
 * Kryo instances, bounded buffers, the maximum value size), the
 * {@link io.tandem.jcache.serialization.ClassAllowlist} that decides which classes may be written
 * and read, and {@link io.tandem.jcache.serialization.Immutables}, the values that need no copy.
 *
 * <p>This package imports nothing from other Tandem packages: the store, the cache surface and the
 * cluster layer depend on it, never the reverse. Its settings arrive as a plain
 * {@link io.tandem.jcache.serialization.SerializationSettings} record, so it stays testable alone.
 */
package io.tandem.jcache.serialization;
