// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

/**
 * How often, and with which checksum, a file store checks a chunk file against its manifest when
 * reading it. The length is checked on every read either way, and
 * {@link io.github.influence4j.core.store.file.ArtifactStores#verify(java.nio.file.Path)} always compares
 * every file's SHA-256.
 */
public enum ChunkVerification {
    /**
     * Check every chunk file on every read (default): against the CRC32C its manifest records
     * (about 10 GB/s per core, so reads run near the page cache's rate), or against its SHA-256 in
     * stores written before CRC32C was recorded. Accidental damage (a truncated, torn or bit-flipped
     * file) is found whenever the file is read.
     */
    EVERY_READ,
    /**
     * Check every chunk file on every read against its SHA-256 (about 1 to 1.5 GB/s per core): for
     * stores whose files could have been altered on purpose, where a CRC is not enough.
     */
    EVERY_READ_SHA256,
    /**
     * Check a chunk file (as {@link #EVERY_READ}) the first time this opened store reads it, and
     * skip the check on later reads while the file's size, modification time and file key are
     * unchanged. For scorers that read the same chunks many times (TracIn reads every training
     * chunk once per test chunk).
     */
    ONCE_PER_OPEN
}
