// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maps a batch of per-example gradients onto the ragged {@code [T_i, D]} layout of
 * {@code INPUT_GRADS} (see {@link Dl4jCapture}, implementation note).
 *
 * @param values the real rows of all examples, concatenated, float32 {@code [sum T_i, D]}
 * @param lengths {@code T_i} per example
 */
record RaggedRows(INDArray values, int[] lengths) {
    /**
     * @param g {@code [B, D]}, {@code [B, D, T]} (DL4J's sequence layout) or higher rank
     * @param mask the features mask {@code [B, T]}, or null
     * @return the ragged rows
     */
    static RaggedRows of(INDArray g, @Nullable INDArray mask) {
        int b = (int) g.size(0);
        if (g.rank() == 2) {
            int[] ones = new int[b];
            Arrays.fill(ones, 1);
            return new RaggedRows(g.castTo(DataType.FLOAT), ones);
        }
        if (g.rank() == 3) {
            int d = (int) g.size(1);
            int t = (int) g.size(2);
            INDArray rows = g.permute(0, 2, 1).dup('c').reshape(b * (long) t, d);
            int[] lengths = new int[b];
            if (mask == null || mask.size(1) != t) {
                Arrays.fill(lengths, t);
                return new RaggedRows(rows.castTo(DataType.FLOAT), lengths);
            }
            double[] m = mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int[] keep = new int[b * t];
            int count = 0;
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    if (m[i * t + s] != 0) {
                        keep[count++] = i * t + s;
                        lengths[i]++;
                    }
                }
            }
            INDArray values = count == 0 ? Nd4j.create(DataType.FLOAT, 0, d)
                    : Nd4j.pullRows(rows, 1, Arrays.copyOf(keep, count)).castTo(DataType.FLOAT);
            return new RaggedRows(values, lengths);
        }
        int[] ones = new int[b];
        Arrays.fill(ones, 1);
        return new RaggedRows(g.reshape(b, g.length() / b).castTo(DataType.FLOAT), ones);
    }
}
