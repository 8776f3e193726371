// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKey;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Puts the rows of captured batches back in id order: {@link CapturedBatch#inIdOrder}. */
final class IdOrder {
    private IdOrder() {
    }

    /**
     * Concatenates batches and puts their rows in ascending id order.
     *
     * @param parts batches whose ids together are consecutive
     * @return one batch in id order
     */
    static CapturedBatch merge(java.util.List<CapturedBatch> parts) {
        if (parts.size() == 1 && isAscending(parts.get(0).ids())) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(p -> p.ids().length).sum();
        int[] ids = new int[n];
        int[] lengths = new int[n];
        int at = 0;
        for (CapturedBatch p : parts) {
            System.arraycopy(p.ids(), 0, ids, at, p.ids().length);
            System.arraycopy(p.lengths(), 0, lengths, at, p.lengths().length);
            at += p.ids().length;
        }
        int min = java.util.Arrays.stream(ids).min().orElse(0);
        int[] order = new int[n]; // order[j] = concatenated row holding id min + j
        java.util.Arrays.fill(order, -1);
        for (int r = 0; r < n; r++) {
            int j = ids[r] - min;
            if (j < 0 || j >= n || order[j] >= 0) {
                throw new ConfigurationException("capture batches must hold each id of a range exactly once; id "
                        + ids[r] + " is repeated or outside the range");
            }
            order[j] = r;
        }
        long[] starts = new long[n + 1];
        for (int r = 0; r < n; r++) {
            starts[r + 1] = starts[r] + lengths[r];
        }
        int[] sortedLengths = new int[n];
        int[] sortedIds = new int[n];
        int total = (int) starts[n];
        int[] posRows = new int[total];
        int w = 0;
        for (int j = 0; j < n; j++) {
            int r = order[j];
            sortedIds[j] = min + j;
            sortedLengths[j] = lengths[r];
            for (long q = starts[r]; q < starts[r + 1]; q++) {
                posRows[w++] = (int) q;
            }
        }
        Map<ArtifactKey, INDArray> dense = new HashMap<>();
        for (ArtifactKey k : parts.get(0).dense().keySet()) {
            INDArray all = concat(parts, k, false);
            dense.put(k, all.rank() == 1 ? Nd4j.pullRows(all.reshape(n, 1), 1, order).reshape(n)
                    : Nd4j.pullRows(all.reshape(n, -1), 1, order).reshape(all.shape()));
        }
        Map<ArtifactKey, INDArray> ragged = new HashMap<>();
        for (ArtifactKey k : parts.get(0).ragged().keySet()) {
            INDArray all = concat(parts, k, true);
            ragged.put(k, total == 0 ? all : Nd4j.pullRows(all, 1, posRows));
        }
        return new CapturedBatch(sortedIds, dense, ragged, sortedLengths);
    }

    private static INDArray concat(java.util.List<CapturedBatch> parts, ArtifactKey k, boolean ragged) {
        java.util.List<INDArray> xs = new java.util.ArrayList<>();
        for (CapturedBatch p : parts) {
            INDArray a = ragged ? p.ragged().get(k) : p.dense().get(k);
            if (a.size(0) > 0) {
                xs.add(a);
            }
        }
        if (xs.isEmpty()) {
            return ragged ? parts.get(0).ragged().get(k) : parts.get(0).dense().get(k);
        }
        return xs.size() == 1 ? xs.get(0) : Nd4j.concat(0, xs.toArray(new INDArray[0]));
    }

    private static boolean isAscending(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }
}
