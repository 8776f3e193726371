// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.memory;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ExampleRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The values of one artifact in the memory store, for all N examples: one {@code [N, ...]} array
 * for a dense kind, one array per example for a ragged one. Not thread-safe: the store guards it.
 */
final class MemoryArtifact {
    ArtifactInfo info;
    /** The examples written. */
    final BitSet covered = new BitSet();
    /** Where a continuing write starts (see WriteChecks.checkOrder). */
    int cursor;
    private INDArray dense;
    private INDArray[] rows;

    /**
     * @param info the artifact, as fixed by its first write
     * @param n N, the number of examples
     */
    MemoryArtifact(ArtifactInfo info, int n) {
        this.info = info;
        if (info.isRagged()) {
            rows = new INDArray[n];
        } else {
            long[] shape = new long[info.exampleShape().size() + 1];
            shape[0] = n;
            long[] es = info.shape();
            System.arraycopy(es, 0, shape, 1, es.length);
            dense = Nd4j.create(info.dataType(), shape);
        }
    }

    /**
     * @param from first example
     * @param n examples written
     * @param values {@code [n, ...]}, copied
     */
    void putDense(int from, int n, INDArray values) {
        dense.put(all(dense.rank(), NDArrayIndex.interval(from, from + n)), values);
        covered.set(from, from + n);
    }

    /**
     * @param from first example
     * @param values the real positions of every example, concatenated; copied
     * @param offsets where each example starts in {@code values} ({@code n + 1} entries)
     */
    void putRagged(int from, INDArray values, long[] offsets) {
        int n = offsets.length - 1;
        for (int i = 0; i < n; i++) {
            INDArray r;
            if (offsets[i + 1] == offsets[i]) {
                r = Nd4j.create(info.dataType(), rowShape(0));
            } else if (values.rank() == 1) {
                r = values.get(NDArrayIndex.interval(offsets[i], offsets[i + 1])).dup();
            } else {
                r = values.get(NDArrayIndex.interval(offsets[i], offsets[i + 1]), NDArrayIndex.all()).dup();
            }
            rows[from + i] = r;
        }
        covered.set(from, from + n);
    }

    /**
     * @param range examples within {@code [0, N)}
     * @return a copy of their values, as a chunk the caller must close
     */
    ArtifactChunk read(ExampleRange range) {
        if (!info.isRagged()) {
            return ArtifactChunk.dense(info, range,
                    dense.get(all(dense.rank(), NDArrayIndex.interval(range.from(), range.to()))).dup());
        }
        long[] offsets = new long[range.size() + 1];
        List<INDArray> parts = new ArrayList<>();
        for (int i = 0; i < range.size(); i++) {
            INDArray r = rows[range.from() + i];
            long len = r.isEmpty() ? 0 : r.size(0);
            offsets[i + 1] = offsets[i] + len;
            if (len > 0) {
                parts.add(r);
            }
        }
        INDArray values;
        if (parts.isEmpty()) {
            values = Nd4j.create(info.dataType(), rowShape(0));
        } else {
            values = parts.size() == 1 ? parts.get(0).dup() : Nd4j.concat(0, parts.toArray(new INDArray[0]));
        }
        return ArtifactChunk.ragged(info, range, values, offsets);
    }

    /** @return {@code [rows, ...exampleShape]} */
    private long[] rowShape(long count) {
        long[] shape = new long[info.exampleShape().size() + 1];
        shape[0] = count;
        System.arraycopy(info.shape(), 0, shape, 1, shape.length - 1);
        return shape;
    }

    private static INDArrayIndex[] all(int rank, INDArrayIndex first) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = first;
        for (int d = 1; d < rank; d++) {
            idx[d] = NDArrayIndex.all();
        }
        return idx;
    }
}
