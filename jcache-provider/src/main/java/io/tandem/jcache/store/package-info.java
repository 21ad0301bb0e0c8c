/**
 * Entries as one member holds them: the map, the per-key locks that order mutations, the CLOCK
 * size bound, the stored form of by-value values and the clock expiry reads. Imports nothing from
 * other Tandem packages and nothing of JCache.
 */
package io.tandem.jcache.store;
