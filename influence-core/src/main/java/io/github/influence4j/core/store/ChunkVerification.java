package io.github.influence4j.core.store;

/**
 * How often a file store checks a chunk file's SHA-256 against its manifest. The length is
 * checked on every read either way.
 */
public enum ChunkVerification {
    /** Hash every chunk file on every read (default): damage is found whenever it is read. */
    EVERY_READ,
    /**
     * Hash a chunk file the first time this opened store reads it, and skip the hash on later reads
     * while the file's size, modification time and file key are unchanged. For scorers that read
     * the same chunks many times (TracIn reads every training chunk once per test chunk); SHA-256
     * runs at about 1 to 1.5 GB/s per core, slower than reads from the page cache.
     */
    ONCE_PER_OPEN
}
