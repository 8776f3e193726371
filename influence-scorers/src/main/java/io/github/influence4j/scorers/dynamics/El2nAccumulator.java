// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * EL2N of one chunk (Paul et al. 2021, Sec. 3, "error L2-norm"): ||softmax(z_c) - onehot(y)||_2 per
 * checkpoint, averaged over the selected checkpoints. Pure arithmetic.
 */
final class El2nAccumulator extends MeanOverCheckpoints {
    private final double[] p;

    /**
     * @param labels gold class per example
     * @param k the number of classes
     */
    El2nAccumulator(int[] labels, int k) {
        super(labels, k);
        this.p = new double[k];
    }

    @Override
    double term(double[] logits, double[] nullLogits, int i) {
        LogitMath.softmax(logits, i, k, p);
        double s = 0;
        for (int j = 0; j < k; j++) {
            double e = p[j] - (j == labels[i] ? 1.0 : 0.0);
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
