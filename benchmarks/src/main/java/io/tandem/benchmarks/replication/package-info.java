/**
 * Replicated put latency and throughput: Tandem against Infinispan and Hazelcast embedded, with a
 * raw JGroups request/response round trip as the floor ({@link
 * io.tandem.benchmarks.replication.ReplicatedPutBenchmark}).
 *
 * <p>Unlike {@code io.tandem.benchmarks}, this package imports the peers' own classes: a cluster
 * (ports, discovery, backups, replication mode) cannot be set up through {@code javax.cache}. The
 * measured call is each product's plain put that returns nothing ({@code Cache.put} for Tandem,
 * {@code put} with {@code IGNORE_RETURN_VALUES} for Infinispan, {@code IMap.set} for Hazelcast).
 * Every member of every cluster runs in the benchmark's JVM and talks TCP on 127.0.0.1.
 */
package io.tandem.benchmarks.replication;
