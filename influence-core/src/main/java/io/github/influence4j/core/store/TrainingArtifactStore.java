// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import io.github.influence4j.core.exception.MissingArtifactException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Read access to the training artifacts of one run: N examples, an ordered list of
 * {@link Checkpoint}s and, per checkpoint, whichever {@link ArtifactKind}s were captured there
 * (docs/DESIGN.md sections 2.1 to 2.3).
 *
 * <p>Access is example-major and chunked: a scorer walks example ranges and, per range, loops over
 * checkpoints, so its memory is O(range x checkpoints x shape), never O(N x checkpoints). Only
 * committed checkpoints are visible. Implementations are thread-safe for reads.
 *
 * <pre>{@code
 * try (TrainingArtifactStore store = ArtifactStores.open(Path.of("runs/snli/store"))) {
 *     for (ExampleRange range : store.chunkRanges()) {
 *         for (Checkpoint c : store.checkpoints()) {
 *             try (ArtifactChunk logits = store.read(c.id(), ArtifactKey.of(ArtifactKind.LOGITS), range)) {
 *                 ...
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public interface TrainingArtifactStore extends AutoCloseable {

    /** @return the store's fixed shape: id, N, K, chunk size */
    StoreSpec spec();

    /** @return the store id */
    default String id() {
        return spec().storeId();
    }

    /** @return N, the number of examples */
    default int numExamples() {
        return spec().numExamples();
    }

    /** @return K, the number of classes */
    default int numClasses() {
        return spec().numClasses();
    }

    /** @return the committed checkpoints, in commit order (unmodifiable) */
    List<Checkpoint> checkpoints();

    /**
     * @param checkpointId a checkpoint id
     * @return the checkpoint, if committed
     */
    default Optional<Checkpoint> checkpoint(String checkpointId) {
        return checkpoints().stream().filter(c -> c.id().equals(checkpointId)).findFirst();
    }

    /** @return the committed static artifacts (unmodifiable, sorted by key) */
    Map<ArtifactKey, ArtifactInfo> staticArtifacts();

    /**
     * @param checkpointId a committed checkpoint id
     * @return the artifacts captured at that checkpoint (unmodifiable, sorted by key)
     * @throws IllegalArgumentException if no such checkpoint is committed
     */
    Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId);

    /**
     * @param key an artifact
     * @return true if the artifact is static and committed
     */
    default boolean hasStatic(ArtifactKey key) {
        return staticArtifacts().containsKey(key);
    }

    /**
     * @param kind an artifact kind
     * @return the committed checkpoints that hold at least one artifact of this kind, in order
     */
    default List<Checkpoint> checkpointsWith(ArtifactKind kind) {
        return checkpoints().stream()
                .filter(c -> artifacts(c.id()).keySet().stream().anyMatch(k -> k.kind() == kind))
                .toList();
    }

    /**
     * @param key an artifact
     * @return the committed checkpoints that hold exactly this artifact, in order
     */
    default List<Checkpoint> checkpointsWith(ArtifactKey key) {
        return checkpoints().stream().filter(c -> artifacts(c.id()).containsKey(key)).toList();
    }

    /**
     * Reads a static artifact over a range of examples. The range need not be aligned to chunks.
     *
     * @param key a static artifact
     * @param range examples within {@code [0, N)}
     * @return a chunk the caller must close
     * @throws MissingArtifactException if the store does not hold the artifact
     * @throws io.github.influence4j.core.exception.CorruptStoreException if its bytes are damaged
     */
    ArtifactChunk readStatic(ArtifactKey key, ExampleRange range);

    /**
     * Reads a per-checkpoint artifact over a range of examples. The range need not be aligned to
     * chunks. Floating-point values are checked for NaN and infinity unless the store was opened
     * to allow them.
     *
     * @param checkpointId a committed checkpoint
     * @param key an artifact captured at that checkpoint
     * @param range examples within {@code [0, N)}
     * @return a chunk the caller must close
     * @throws MissingArtifactException if the checkpoint does not hold the artifact
     * @throws io.github.influence4j.core.exception.CorruptStoreException if its bytes are damaged
     * @throws io.github.influence4j.core.exception.NumericalException naming checkpoint, example and kind
     */
    ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range);

    /**
     * Reads a dense artifact over a range of examples as float64 into an array the caller reuses:
     * the read scorers make, without an intermediate array. Checks are those of {@link #read}
     * (checksums, NaN and infinity unless allowed); values are widened exactly (float16, float32,
     * int32 and int64 ids up to 2^53).
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key a dense artifact
     * @param range examples within {@code [0, N)}
     * @param into receives {@code range.size() * elementsPerRow} values from index 0
     * @return the number of values written
     * @throws IllegalArgumentException if {@code into} is too short
     * @implNote The default reads through {@link #read}; the file store reads chunk-aligned ranges
     *     file after file, each streamed through a cached piece buffer (checksum and conversion per
     *     piece, on the calling thread).
     */
    default int readDoubles(String checkpointId, ArtifactKey key, ExampleRange range, double[] into) {
        try (ArtifactChunk c = checkpointId.isEmpty() ? readStatic(key, range) : read(checkpointId, key, range)) {
            long n = c.values().isEmpty() ? 0 : c.values().length();
            if (n > into.length) {
                throw new IllegalArgumentException(key + ": " + range + " holds " + n + " values; the array has "
                        + into.length);
            }
            return n == 0 ? 0 : io.github.influence4j.core.io.DoubleCopy.copy(c.values(), into, 0);
        }
    }

    /**
     * Reads a ragged artifact (real positions only) over a range of examples as float64, with the
     * checks of {@link #read}.
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key a ragged artifact
     * @param range examples within {@code [0, N)}
     * @param lengths receives T_i, the positions of each example of the range
     * @return exactly {@code sum T_i * elementsPerRow} values, the positions of all examples in order
     * @implNote The default reads through {@link #read}; the file store reads the offsets files,
     *     then the values files in order, as {@link #readDoubles}.
     */
    default double[] readRaggedDoubles(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths) {
        try (ArtifactChunk c = checkpointId.isEmpty() ? readStatic(key, range) : read(checkpointId, key, range)) {
            for (int i = 0; i < c.size(); i++) {
                lengths[i] = c.length(i);
            }
            double[] out = new double[c.values().isEmpty() ? 0 : Math.toIntExact(c.values().length())];
            if (out.length > 0) {
                io.github.influence4j.core.io.DoubleCopy.copy(c.values(), out, 0);
            }
            return out;
        }
    }

    /**
     * Reads a dense float32 (or float16) artifact over a range of examples as float32 into an array
     * the caller reuses: half the bytes of {@link #readDoubles} for a scorer that widens as it
     * computes. Checks are those of {@link #read}; float16 widens exactly; nothing is rounded.
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key a dense artifact stored as float32 or float16
     * @param range examples within {@code [0, N)}
     * @param into receives {@code range.size() * elementsPerRow} values from index 0
     * @return the number of values written
     * @throws IllegalArgumentException if {@code into} is too short, or the artifact is stored as
     *     float64 or integers (read those with {@link #readDoubles})
     * @implNote The default reads through {@link #read}; the file store reads as {@link #readDoubles}
     *     does, copying each cached block instead of widening it.
     */
    default int readFloats(String checkpointId, ArtifactKey key, ExampleRange range, float[] into) {
        try (ArtifactChunk c = checkpointId.isEmpty() ? readStatic(key, range) : read(checkpointId, key, range)) {
            io.github.influence4j.core.io.FloatCopy.checkFloat32(key, c.values().dataType());
            long n = c.values().isEmpty() ? 0 : c.values().length();
            if (n > into.length) {
                throw new IllegalArgumentException(key + ": " + range + " holds " + n + " values; the array has "
                        + into.length);
            }
            return n == 0 ? 0 : io.github.influence4j.core.io.FloatCopy.copy(c.values(), into, 0);
        }
    }

    /**
     * Reads a ragged float32 (or float16) artifact (real positions only) over a range of examples
     * as float32, with the checks of {@link #read}.
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key a ragged artifact stored as float32 or float16
     * @param range examples within {@code [0, N)}
     * @param lengths receives T_i, the positions of each example of the range
     * @return exactly {@code sum T_i * elementsPerRow} values, the positions of all examples in order
     * @throws IllegalArgumentException if the artifact is stored as float64 or integers
     * @implNote Calls {@link #readRaggedFloats(String, ArtifactKey, ExampleRange, int[], float[])}
     *     with no array to reuse.
     */
    default float[] readRaggedFloats(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths) {
        return readRaggedFloats(checkpointId, key, range, lengths, null);
    }

    /**
     * As {@link #readRaggedFloats(String, ArtifactKey, ExampleRange, int[])}, into an array the
     * caller reuses from call to call when it is long enough (the values of a ragged range are not
     * known in number before the read).
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key a ragged artifact stored as float32 or float16
     * @param range examples within {@code [0, N)}
     * @param lengths receives T_i, the positions of each example of the range
     * @param reuse an array to fill if it holds the values, or null
     * @return {@code reuse} or a new array, holding the {@code sum T_i * elementsPerRow} values from
     *     index 0 (a reused array may be longer: count the values from {@code lengths})
     * @throws IllegalArgumentException if the artifact is stored as float64 or integers
     * @implNote The default reads through {@link #read}; the file store as {@link #readRaggedDoubles}.
     */
    default float[] readRaggedFloats(String checkpointId, ArtifactKey key, ExampleRange range, int[] lengths,
            float @Nullable [] reuse) {
        try (ArtifactChunk c = checkpointId.isEmpty() ? readStatic(key, range) : read(checkpointId, key, range)) {
            io.github.influence4j.core.io.FloatCopy.checkFloat32(key, c.values().dataType());
            for (int i = 0; i < c.size(); i++) {
                lengths[i] = c.length(i);
            }
            int n = c.values().isEmpty() ? 0 : Math.toIntExact(c.values().length());
            float[] out = reuse != null && reuse.length >= n ? reuse : new float[n];
            if (n > 0) {
                io.github.influence4j.core.io.FloatCopy.copy(c.values(), out, 0);
            }
            return out;
        }
    }

    /**
     * @return the store's chunk ranges covering {@code [0, N)}, in order
     */
    default List<ExampleRange> chunkRanges() {
        return chunkRanges(spec().chunkSize());
    }

    /**
     * @param size examples per range, {@code >= 1}
     * @return consecutive ranges of at most {@code size} examples covering {@code [0, N)}
     */
    default List<ExampleRange> chunkRanges(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, was " + size);
        }
        int n = numExamples();
        int count = (int) ((n + (long) size - 1) / size);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> ExampleRange.of(i * size, (int) Math.min(n, (long) i * size + size)))
                .toList();
    }

    /**
     * A lazy stream of one artifact's chunks over all examples. Each chunk is read when the stream
     * reaches it and closed when the stream moves past it or is closed, so at most one chunk is
     * held at a time: {@code dup()} what you keep. Use in try-with-resources.
     *
     * @param checkpointId a committed checkpoint, or {@code ""} for a static artifact
     * @param key the artifact
     * @param size examples per chunk
     * @return the stream
     */
    default Stream<ArtifactChunk> stream(String checkpointId, ArtifactKey key, int size) {
        List<ExampleRange> ranges = chunkRanges(size);
        ChunkIterator it = new ChunkIterator(this, checkpointId, key, ranges);
        return StreamSupport.stream(Spliterators.spliterator(it, ranges.size(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false).onClose(it::closeCurrent);
    }

    /**
     * @return a stable hash of the committed manifest (format, spec, checkpoints, artifacts and
     *     chunk hashes where recorded), for provenance
     */
    String manifestHash();

    /** Releases resources; reads after close fail. */
    @Override
    void close();

    /** Iterator behind {@link #stream}: closes each chunk when the next is requested. */
    final class ChunkIterator implements Iterator<ArtifactChunk> {
        private final TrainingArtifactStore store;
        private final String checkpointId;
        private final ArtifactKey key;
        private final List<ExampleRange> ranges;
        private int next;
        private ArtifactChunk current;

        ChunkIterator(TrainingArtifactStore store, String checkpointId, ArtifactKey key, List<ExampleRange> ranges) {
            this.store = store;
            this.checkpointId = checkpointId;
            this.key = key;
            this.ranges = ranges;
        }

        @Override
        public boolean hasNext() {
            return next < ranges.size();
        }

        @Override
        public ArtifactChunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            closeCurrent();
            ExampleRange r = ranges.get(next++);
            current = checkpointId.isEmpty() ? store.readStatic(key, r) : store.read(checkpointId, key, r);
            return current;
        }

        void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
