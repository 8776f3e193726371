// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The values of one artifact over a contiguous range of examples, example-major.
 *
 * <p>Dense kinds: {@link #values()} has shape {@code [n, ...exampleShape]}. Ragged kinds: the real
 * positions of all n examples are concatenated, shape {@code [sum T_i, ...exampleShape]}, and
 * {@link #offsets()} ({@code n + 1} entries, starting at 0) says where each example starts.
 *
 * <p>A chunk owns off-heap memory: {@link #close()} frees it. Views returned by {@link #row(int)}
 * and {@link #example(int)} are valid until then; {@code dup()} what you keep.
 */
public final class ArtifactChunk implements AutoCloseable {
    private final ArtifactInfo info;
    private final ExampleRange range;
    private final INDArray values;
    private final long[] offsets;
    private boolean closed;

    private ArtifactChunk(ArtifactInfo info, ExampleRange range, INDArray values, long[] offsets) {
        this.info = Objects.requireNonNull(info, "info");
        this.range = Objects.requireNonNull(range, "range");
        this.values = Objects.requireNonNull(values, "values");
        this.offsets = offsets;
    }

    /**
     * @param info the artifact
     * @param range the examples held
     * @param values {@code [n, ...exampleShape]}
     * @return a dense chunk that takes ownership of {@code values}
     */
    public static ArtifactChunk dense(ArtifactInfo info, ExampleRange range, INDArray values) {
        if (info.isRagged()) {
            throw new IllegalArgumentException(info.key() + " is ragged: use ArtifactChunk.ragged");
        }
        if (values.size(0) != range.size()) {
            throw new IllegalArgumentException(info.key() + ": " + values.size(0) + " rows for range " + range);
        }
        return new ArtifactChunk(info, range, values, null);
    }

    /**
     * @param info the artifact
     * @param range the examples held
     * @param values {@code [sum T_i, ...exampleShape]}
     * @param offsets {@code n + 1} non-decreasing offsets, first 0, last {@code values.size(0)}
     * @return a ragged chunk that takes ownership of {@code values}
     */
    public static ArtifactChunk ragged(ArtifactInfo info, ExampleRange range, INDArray values, long[] offsets) {
        if (!info.isRagged()) {
            throw new IllegalArgumentException(info.key() + " is dense: use ArtifactChunk.dense");
        }
        if (offsets.length != range.size() + 1 || offsets[0] != 0
                || offsets[offsets.length - 1] != (values.isEmpty() ? 0 : values.size(0))) {
            throw new IllegalArgumentException(info.key() + ": offsets " + Arrays.toString(offsets)
                    + " do not describe " + range.size() + " examples over " + Arrays.toString(values.shape()));
        }
        return new ArtifactChunk(info, range, values, offsets.clone());
    }

    /** @return what this chunk holds */
    public ArtifactInfo info() {
        return info;
    }

    /** @return the example ids covered */
    public ExampleRange range() {
        return range;
    }

    /** @return the number of examples */
    public int size() {
        return range.size();
    }

    /** @return all values (see the class documentation for the layout) */
    public INDArray values() {
        checkOpen();
        return values;
    }

    /** @return a copy of the ragged offsets ({@code n + 1} entries) */
    public long[] offsets() {
        requireRagged();
        return offsets.clone();
    }

    /**
     * @param local an index in {@code [0, size())}
     * @return T_i, the number of real positions of that example (ragged kinds only)
     */
    public int length(int local) {
        requireRagged();
        Objects.checkIndex(local, size());
        return (int) (offsets[local + 1] - offsets[local]);
    }

    /**
     * @param local an index in {@code [0, size())}
     * @return the start row of that example in {@link #values()} (ragged kinds only)
     */
    public long offset(int local) {
        requireRagged();
        Objects.checkIndex(local, size());
        return offsets[local];
    }

    /**
     * @param local an index in {@code [0, size())} (dense kinds)
     * @return a view of that example's values, shape {@code exampleShape}
     */
    public INDArray row(int local) {
        checkOpen();
        if (info.isRagged()) {
            throw new IllegalStateException(info.key() + " is ragged: use example(int)");
        }
        Objects.checkIndex(local, size());
        return values.slice(local);
    }

    /**
     * @param local an index in {@code [0, size())} (ragged kinds)
     * @return a view of that example's real positions, shape {@code [T_i, ...exampleShape]}
     */
    public INDArray example(int local) {
        checkOpen();
        requireRagged();
        Objects.checkIndex(local, size());
        long from = offsets[local];
        long to = offsets[local + 1];
        if (values.rank() == 1) {
            return values.get(NDArrayIndex.interval(from, to));
        }
        return values.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Frees the off-heap memory of {@link #values()}. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (values.closeable()) {
                values.close();
            }
        }
    }

    private void requireRagged() {
        if (offsets == null) {
            throw new IllegalStateException(info.key() + " is dense: it has no offsets");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("chunk " + info.key() + " " + range + " is closed");
        }
    }
}
