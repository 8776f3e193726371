package io.github.influence4j.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fixed shape of a store, given when it is created.
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
}
