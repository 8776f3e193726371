// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Pointwise V-information of one chunk (Ethayarajh et al. 2022, Def. 3):
 * PVI(x -> y) = log2 p_x(y) - log2 p_null(y), with p = softmax of {@code LOGITS} and of
 * {@code NULL_LOGITS} at the same checkpoint, averaged over the selected checkpoints. Pure
 * arithmetic.
 *
 * @implNote Base-2 logarithms (bits), via log-sum-exp in float64 divided by ln 2.
 */
final class PviAccumulator extends MeanOverCheckpoints {
    private static final double LN2 = Math.log(2.0);

    /**
     * @param labels gold class per example
     * @param k the number of classes
     */
    PviAccumulator(int[] labels, int k) {
        super(labels, k);
    }

    @Override
    double term(double[] logits, double[] nullLogits, int i) {
        double lx = LogitMath.logSoftmax(logits, i, k, labels[i]);
        double ln = LogitMath.logSoftmax(nullLogits, i, k, labels[i]);
        return (lx - ln) / LN2;
    }
}
