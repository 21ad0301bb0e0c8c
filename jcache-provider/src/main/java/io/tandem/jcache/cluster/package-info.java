/**
 * The cluster layer's groundwork: where keys live and who is in the cluster. Nothing here is wired
 * into the caches yet; every cache is LOCAL today.
 *
 * <ul>
 *   <li>{@link io.tandem.jcache.cluster.Segments}: a fixed number of segments (256 by default) and
 *       the segment of a key, from MurmurHash3 of its serialized bytes, never
 *       {@code Object.hashCode}.
 *   <li>{@link io.tandem.jcache.cluster.SegmentOwners}: the ordered owners of every segment (primary
 *       first) by rendezvous hashing of (segment, member identity): a pure function of the view, so
 *       every member agrees without messages, and a leaving member moves only its own segments.
 *   <li>{@link io.tandem.jcache.cluster.ClusterStack}: the JGroups stacks Tandem ships
 *       ({@code tcp}, {@code udp}, {@code kubernetes}, {@code loopback}), all bound to 127.0.0.1
 *       unless configured.
 *   <li>{@link io.tandem.jcache.cluster.ClusterNode}: one JGroups channel per CacheManager, the
 *       ready members and the owners computed from them, request routing, replication, state
 *       transfer on join and reconciliation after a merge.
 *   <li>{@link io.tandem.jcache.cluster.ClusterMXBean}: the cluster in JMX under
 *       {@code io.tandem:type=Cluster,CacheManager=<uri>}, never under {@code javax.cache}.
 * </ul>
 *
 * <p>This package may use JGroups and {@code javax.cache} (for {@code CacheException}); the store
 * and serialization packages never use it.
 */
package io.tandem.jcache.cluster;
