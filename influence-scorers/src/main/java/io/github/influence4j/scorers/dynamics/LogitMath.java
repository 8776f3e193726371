// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Float64 helpers on one example's logits, shared by the confidence-family accumulators.
 *
 * @implNote Softmax and log-softmax subtract the row maximum first (log-sum-exp), so large logits
 *     never overflow. Argmax ties go to the lowest class index (docs/DESIGN.md section 3.0).
 */
final class LogitMath {
    private LogitMath() {
    }

    /**
     * @param z logits of all examples, row-major {@code [n * k]}
     * @param row the example
     * @param k classes
     * @param y a class
     * @return log softmax(z_row)[y], natural log
     */
    static double logSoftmax(double[] z, int row, int k, int y) {
        int o = row * k;
        double max = rowMax(z, o, k);
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(z[o + j] - max);
        }
        return z[o + y] - max - Math.log(s);
    }

    /**
     * @param z logits, row-major {@code [n * k]}
     * @param row the example
     * @param k classes
     * @param out receives softmax(z_row), length k
     */
    static void softmax(double[] z, int row, int k, double[] out) {
        int o = row * k;
        double max = rowMax(z, o, k);
        double s = 0;
        for (int j = 0; j < k; j++) {
            out[j] = Math.exp(z[o + j] - max);
            s += out[j];
        }
        for (int j = 0; j < k; j++) {
            out[j] /= s;
        }
    }

    private static double rowMax(double[] z, int o, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[o + j]);
        }
        return max;
    }

    /**
     * @param z logits, row-major {@code [n * k]}
     * @param row the example
     * @param k classes
     * @return the index of the largest logit, the lowest index on ties
     */
    static int argmax(double[] z, int row, int k) {
        int o = row * k;
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z[o + j] > z[o + best]) {
                best = j;
            }
        }
        return best;
    }
}
