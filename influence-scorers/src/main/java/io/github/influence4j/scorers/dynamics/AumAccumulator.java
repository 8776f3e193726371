// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Area under the margin of one chunk (Pleiss et al. 2020, Eq. 1-2): the margin
 * z_y - max_{k != y} z_k of the pre-softmax logits, averaged over the selected checkpoints. Pure
 * arithmetic.
 */
final class AumAccumulator extends MeanOverCheckpoints {
    /**
     * @param labels gold class per example
     * @param k the number of classes, {@code >= 2}
     */
    AumAccumulator(int[] labels, int k) {
        super(labels, k);
    }

    @Override
    double term(double[] logits, double[] nullLogits, int i) {
        int o = i * k;
        int y = labels[i];
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != y) {
                other = Math.max(other, logits[o + j]);
            }
        }
        return logits[o + y] - other;
    }
}
