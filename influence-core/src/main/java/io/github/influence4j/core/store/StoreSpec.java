// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fixed shape of a store, given when it is created.
 *
 * <pre>{@code
 * StoreSpec spec = StoreSpec.builder("snli-run3").numExamples(550_152).numClasses(3).chunkSize(4096).build();
 * StoreSpec small = StoreSpec.of("demo", 1000, 3);                      // the default chunk size
 * }</pre>
 *
 * @param storeId a human-readable id, recorded in every score's provenance
 * @param numExamples N, the number of examples (ids {@code 0..N-1}), {@code >= 1}
 * @param numClasses K, the number of classes, {@code >= 2}
 * @param chunkSize examples per chunk on disk and per default read, {@code >= 1}
 */
public record StoreSpec(String storeId, int numExamples, int numClasses, int chunkSize) {
    /** The default chunk size: 1,024 examples. */
    public static final int DEFAULT_CHUNK_SIZE = 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * @param storeId a human-readable id, recorded in every score's provenance
     * @param numExamples N, the number of examples (ids {@code 0..N-1}), {@code >= 1}
     * @param numClasses K, the number of classes, {@code >= 2}
     * @param chunkSize examples per chunk on disk and per default read, {@code >= 1}
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public StoreSpec {
        Objects.requireNonNull(storeId, "storeId");
        if (!ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("store id '" + storeId
                    + "' may hold only letters, digits, '_', '-' and '.'");
        }
        if (numExamples < 1) {
            throw new IllegalArgumentException("numExamples must be >= 1, was " + numExamples);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, was " + numClasses);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
    }

    /**
     * @param storeId the store id
     * @param numExamples N
     * @param numClasses K
     * @return a spec with the {@linkplain #DEFAULT_CHUNK_SIZE default chunk size}
     */
    public static StoreSpec of(String storeId, int numExamples, int numClasses) {
        return new StoreSpec(storeId, numExamples, numClasses, DEFAULT_CHUNK_SIZE);
    }

    /**
     * @param size the new chunk size
     * @return a copy with another chunk size
     */
    public StoreSpec withChunkSize(int size) {
        return new StoreSpec(storeId, numExamples, numClasses, size);
    }

    /** @return the number of chunks, {@code ceil(N / chunkSize)} */
    public int numChunks() {
        return (int) ((numExamples + (long) chunkSize - 1) / chunkSize);
    }

    /**
     * @param index a chunk index in {@code [0, numChunks())}
     * @return the example range of that chunk
     */
    public ExampleRange chunk(int index) {
        if (index < 0 || index >= numChunks()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + numChunks());
        }
        int from = index * chunkSize;
        return new ExampleRange(from, Math.min(numExamples, from + chunkSize));
    }

    /**
     * @param storeId the store id
     * @return a builder: {@link Builder#numExamples} and {@link Builder#numClasses} are required,
     *     the chunk size defaults to {@link #DEFAULT_CHUNK_SIZE}
     */
    public static Builder builder(String storeId) {
        return new Builder(storeId);
    }

    /**
     * Builds a {@link StoreSpec} by name rather than by position, so that adding a field does not
     * break callers. Each setter may be called once; {@link #build()} validates.
     */
    public static final class Builder {
        private final String storeId;
        private @Nullable Integer numExamples;
        private @Nullable Integer numClasses;
        private @Nullable Integer chunkSize;

        private Builder(String storeId) {
            this.storeId = Objects.requireNonNull(storeId, "storeId");
        }

        /**
         * @param value N, {@code >= 1}; required
         * @return this
         */
        public Builder numExamples(int value) {
            numExamples = once("numExamples", numExamples, value);
            return this;
        }

        /**
         * @param value K, {@code >= 2}; required
         * @return this
         */
        public Builder numClasses(int value) {
            numClasses = once("numClasses", numClasses, value);
            return this;
        }

        /**
         * @param value examples per chunk, {@code >= 1}; default {@link #DEFAULT_CHUNK_SIZE}
         * @return this
         */
        public Builder chunkSize(int value) {
            chunkSize = once("chunkSize", chunkSize, value);
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalStateException if N or K was not set
         * @throws IllegalArgumentException naming the field and the bad value
         */
        public StoreSpec build() {
            if (numExamples == null || numClasses == null) {
                throw new IllegalStateException("store '" + storeId + "': set " + (numExamples == null ? "numExamples" : "")
                        + (numExamples == null && numClasses == null ? " and " : "")
                        + (numClasses == null ? "numClasses" : "") + " before build()");
            }
            return new StoreSpec(storeId, numExamples, numClasses, chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize);
        }

        private int once(String field, @Nullable Integer current, int value) {
            if (current != null) {
                throw new IllegalStateException("store '" + storeId + "': " + field + " is already set to " + current);
            }
            return value;
        }
    }
}
