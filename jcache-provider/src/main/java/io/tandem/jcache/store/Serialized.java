package io.tandem.jcache.store;

/**
 * A value kept in its serialized form (store-by-value). The same bytes serve every read, which
 * deserializes a fresh copy, and the wire.
 */
public record Serialized(byte[] bytes) {}
