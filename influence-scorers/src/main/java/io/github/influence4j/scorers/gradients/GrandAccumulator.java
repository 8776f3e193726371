// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import java.util.Arrays;

/**
 * GraNd of one chunk (Paul et al. 2021, Sec. 3, "gradient normed"): per checkpoint, the squared
 * gradient norm is summed over the selected parameter groups, its square root taken, and the
 * result averaged over checkpoints. Pure arithmetic, three closed forms:
 * <ul>
 *   <li>factored dense layer: dL/dW = delta a^T and dL/db = delta, so
 *       ||dL/dW||^2 + ||dL/db||^2 = ||delta||^2 (||a||^2 + 1) (without the 1 when there is no bias);</li>
 *   <li>dense per-example gradient of a parameter group: ||g||^2;</li>
 *   <li>word embeddings: the gradient of row w of E is the sum of the lookup-output gradients at
 *       the positions holding w, so ||dL/dE||^2 = sum_w ||sum_{t: x_t = w} g_t||^2 (never V x D).</li>
 * </ul>
 */
final class GrandAccumulator {
    private final int n;
    private final double[] current;
    private final double[] sum;
    private int count;

    /** @param n examples in the chunk */
    GrandAccumulator(int n) {
        this.n = n;
        this.current = new double[n];
        this.sum = new double[n];
    }

    /**
     * Adds a factored dense layer of the current checkpoint.
     *
     * @param a layer inputs {@code [n * in]}
     * @param delta output gradients {@code [n * out]}
     * @param in the input width
     * @param out the output width
     * @param bias whether the layer has a bias
     */
    void addFactored(double[] a, double[] delta, int in, int out, boolean bias) {
        check(a, in, "layer inputs");
        check(delta, out, "layer output gradients");
        for (int i = 0; i < n; i++) {
            current[i] += squares(delta, i * out, out) * (squares(a, i * in, in) + (bias ? 1.0 : 0.0));
        }
    }

    /**
     * Adds a dense per-example parameter gradient of the current checkpoint.
     *
     * @param g {@code [n * p]}
     * @param p parameters in the group
     */
    void addDense(double[] g, int p) {
        check(g, p, "parameter gradients");
        for (int i = 0; i < n; i++) {
            current[i] += squares(g, i * p, p);
        }
    }

    /**
     * Adds the word-embedding matrix of the current checkpoint.
     *
     * @param grads lookup-output gradients, real positions of all examples concatenated, {@code [sum T_i * d]}
     * @param tokens token ids of the same positions, {@code [sum T_i]}
     * @param lengths T_i per example
     * @param d the embedding width
     */
    void addEmbedding(double[] grads, double[] tokens, int[] lengths, int d) {
        if (lengths.length != n || tokens.length * (long) d != grads.length) {
            throw new IllegalArgumentException(lengths.length + " lengths, " + tokens.length + " tokens and "
                    + grads.length + " gradient elements do not describe " + n + " examples of width " + d);
        }
        int start = 0;
        double[] acc = new double[d];
        for (int i = 0; i < n; i++) {
            int t = lengths[i];
            Integer[] order = new Integer[t];
            for (int j = 0; j < t; j++) {
                order[j] = start + j;
            }
            Arrays.sort(order, (x, y) -> Double.compare(tokens[x], tokens[y]));
            double total = 0;
            int j = 0;
            while (j < t) {
                Arrays.fill(acc, 0);
                double w = tokens[order[j]];
                while (j < t && tokens[order[j]] == w) {
                    int row = order[j++] * d;
                    for (int e = 0; e < d; e++) {
                        acc[e] += grads[row + e];
                    }
                }
                total += squares(acc, 0, d);
            }
            current[i] += total;
            start += t;
        }
    }

    /** Ends the current checkpoint: adds sqrt of its squared norm to the running sum. */
    void endCheckpoint() {
        for (int i = 0; i < n; i++) {
            sum[i] += Math.sqrt(current[i]);
            current[i] = 0;
        }
        count++;
    }

    /** @return the mean over checkpoints of the gradient norm, one value per example */
    double[] results() {
        if (count == 0) {
            throw new IllegalStateException("no checkpoint ended");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sum[i] / count;
        }
        return out;
    }

    private void check(double[] v, int width, String what) {
        if (v.length != (long) n * width) {
            throw new IllegalArgumentException(what + ": expected " + n + " x " + width + " values, got " + v.length);
        }
    }

    private static double squares(double[] v, int from, int len) {
        double s = 0;
        for (int j = from; j < from + len; j++) {
            s += v[j] * v[j];
        }
        return s;
    }
}
