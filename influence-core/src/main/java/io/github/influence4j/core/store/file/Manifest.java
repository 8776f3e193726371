// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The committed state of a file store, as recorded in {@code manifest.json} (docs/DESIGN.md section 2.5).
 * Immutable: a commit builds a new one.
 *
 * @param spec the store's shape
 * @param statics the static artifacts, sorted by key
 * @param checkpoints the committed checkpoints, in commit order
 */
record Manifest(StoreSpec spec, Map<ArtifactKey, StoredArtifact> statics, List<StoredCheckpoint> checkpoints) {
    /**
     * The newest format version this library reads and writes: version 2 adds an artifact's own
     * {@code chunkSize} (small artifacts in larger on-disk chunks).
     */
    static final int FORMAT_VERSION = 2;
    /** The version written when every artifact is in the store's chunks, which older releases read too. */
    static final int FORMAT_VERSION_STORE_CHUNKS = 1;
    /** The value of the manifest's {@code format} field. */
    static final String FORMAT_NAME = "influence4j-store";

    Manifest {
        Objects.requireNonNull(spec, "spec");
        statics = Collections.unmodifiableMap(new TreeMap<>(statics));
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * @param spec the store's shape
     * @return a manifest with no artifacts and no checkpoints
     */
    static Manifest empty(StoreSpec spec) {
        return new Manifest(spec, Map.of(), List.of());
    }

    /**
     * @param id a checkpoint id
     * @return the committed checkpoint with that id
     */
    Optional<StoredCheckpoint> checkpoint(String id) {
        return checkpoints.stream().filter(c -> c.checkpoint().id().equals(id)).findFirst();
    }

    /**
     * One committed checkpoint and its artifacts.
     *
     * @param checkpoint the metadata
     * @param artifacts the artifacts captured there, sorted by key
     */
    record StoredCheckpoint(Checkpoint checkpoint, Map<ArtifactKey, StoredArtifact> artifacts) {
        StoredCheckpoint {
            Objects.requireNonNull(checkpoint, "checkpoint");
            artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
        }
    }

    /**
     * One artifact and its chunk files.
     *
     * @param info dtype, per-example shape and attributes
     * @param chunkSize examples per on-disk chunk of this artifact: the store's chunk size, or a
     *     power-of-two multiple of it for a small artifact ({@code WriteOptions.smallArtifactBytes})
     * @param chunks the chunks in example order (all of them once committed; the durable ones in a journal)
     */
    record StoredArtifact(ArtifactInfo info, int chunkSize, List<StoredChunk> chunks) {
        StoredArtifact {
            Objects.requireNonNull(info, "info");
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
            }
            chunks = List.copyOf(chunks);
        }

        /**
         * @param spec the store
         * @return the number of on-disk chunks covering {@code [0, N)}
         */
        int numChunks(StoreSpec spec) {
            return (int) ((spec.numExamples() + (long) chunkSize - 1) / chunkSize);
        }

        /**
         * @param spec the store
         * @param index a chunk index in {@code [0, numChunks(spec))}
         * @return the examples of on-disk chunk {@code index}
         */
        ExampleRange chunk(StoreSpec spec, int index) {
            long from = (long) index * chunkSize;
            return ExampleRange.of((int) from, (int) Math.min(spec.numExamples(), from + chunkSize));
        }
    }

    /**
     * One chunk: the examples it holds and its files (one for dense kinds; values then offsets for
     * ragged kinds).
     *
     * @param range the examples
     * @param files the files
     */
    record StoredChunk(ExampleRange range, List<StoredFile> files) {
        StoredChunk {
            Objects.requireNonNull(range, "range");
            files = List.copyOf(files);
        }
    }

    /**
     * One {@code .npy} file of a chunk.
     *
     * @param name the file name inside its artifact directory, e.g. {@code 0-1024.npy}
     * @param bytes the file's length in bytes
     * @param sha256 the lower-case hex SHA-256 of the whole file, checked by {@code verify}
     * @param crc32c the CRC32C of the whole file (0 to 2^32 - 1), checked on every read, or
     *     {@link #NO_CRC32C} for files of stores written before it was recorded (their reads check
     *     the SHA-256 instead)
     * @param finite whether the writer found every value finite; reads of a file recorded
     *     {@link Finiteness#ALL_FINITE} whose checksum matches need not scan it again
     */
    record StoredFile(String name, long bytes, String sha256, long crc32c, Finiteness finite) {
        /** {@link #crc32c()} of a file whose manifest entry records no CRC32C. */
        static final long NO_CRC32C = -1;

        StoredFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(finite, "finite");
            if (crc32c < NO_CRC32C || crc32c > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("crc32c out of range: " + crc32c);
            }
        }

        StoredFile(String name, long bytes, Checksums sums, Finiteness finite) {
            this(name, bytes, sums.sha256(), sums.crc32c(), finite);
        }

        /** @return whether the manifest records a CRC32C for this file */
        boolean hasCrc32c() {
            return crc32c != NO_CRC32C;
        }
    }

    /** What the writer of a file found about NaN and infinity in it. */
    enum Finiteness {
        /** Not recorded (older stores): reads that must reject NaN scan the values. */
        UNKNOWN,
        /** Every value is finite (always so for integer files). */
        ALL_FINITE,
        /** At least one value is NaN or infinite. */
        NOT_ALL_FINITE
    }

    /**
     * The checksums of a file as written.
     *
     * @param sha256 lower-case hex SHA-256
     * @param crc32c CRC32C, 0 to 2^32 - 1
     */
    record Checksums(String sha256, long crc32c) {
    }
}
