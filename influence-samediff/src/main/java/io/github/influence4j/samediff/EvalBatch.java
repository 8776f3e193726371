// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of examples to capture, in eval mode: what a {@link CaptureSource} hands to
 * {@link SameDiffCapture#compute}, which turns it into a
 * {@link io.github.influence4j.core.capture.CapturedBatch}.
 *
 * @param ids the store example id of each batch row, distinct, in any order (a source may group
 *     examples of similar length to save padding); {@code ids.length} rows in every batch-major input
 * @param placeholders every placeholder the graph needs except the label placeholder and capture's
 *     own, <em>with dropout off</em> (for example keep-masks of ones): capture must be deterministic
 * @param labels the gold class per example, {@code ids.length} entries
 * @param positions per example, the rows of the embedding output viewed as {@code [-1, D]} that are
 *     its real token positions, in the order of its {@code TOKEN_IDS} (padding never listed)
 */
public record EvalBatch(int[] ids, Map<String, INDArray> placeholders, int[] labels, int[][] positions) {
    /**
     * Checks the sizes agree.
     *
     * @param ids the store example id of each batch row, distinct, in any order (a source may group
     *     examples of similar length to save padding); {@code ids.length} rows in every batch-major input
     * @param placeholders every placeholder the graph needs except the label placeholder and capture's
     *     own, <em>with dropout off</em> (for example keep-masks of ones): capture must be deterministic
     * @param labels the gold class per example, {@code ids.length} entries
     * @param positions per example, the rows of the embedding output viewed as {@code [-1, D]} that are
     *     its real token positions, in the order of its {@code TOKEN_IDS} (padding never listed)
     */
    public EvalBatch {
        Objects.requireNonNull(ids, "ids");
        placeholders = Map.copyOf(placeholders);
        if (labels.length != ids.length || positions.length != ids.length) {
            throw new IllegalArgumentException("batch of " + ids.length + " examples has "
                    + labels.length + " labels and " + positions.length + " position lists");
        }
    }

    /** @return the number of examples */
    public int size() {
        return ids.length;
    }

    /**
     * Positions for the common layout {@code [B, L, D]} with example i's real tokens first: row
     * {@code i * L + t} for {@code t < lengths[i]}.
     *
     * @param lengths real positions per example
     * @param paddedLength L
     * @return the position lists
     */
    public static int[][] leadingPositions(int[] lengths, int paddedLength) {
        int[][] p = new int[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0 || lengths[i] > paddedLength) {
                throw new IllegalArgumentException("length " + lengths[i] + " of example " + i + " is outside [0, "
                        + paddedLength + "]");
            }
            p[i] = new int[lengths[i]];
            for (int t = 0; t < lengths[i]; t++) {
                p[i][t] = i * paddedLength + t;
            }
        }
        return p;
    }
}
