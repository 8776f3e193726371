// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * A logit score that is the mean over the selected checkpoints of one per-example term (EL2N, AUM,
 * PVI): subclasses give the term, this class the bookkeeping. Pure arithmetic.
 */
abstract class MeanOverCheckpoints implements LogitAccumulator {
    /** Gold class per example of the chunk. */
    final int[] labels;
    /** The number of classes K. */
    final int k;
    private final double[] sum;
    private int count;

    /**
     * @param labels gold class per example
     * @param k the number of classes
     */
    MeanOverCheckpoints(int[] labels, int k) {
        this.labels = labels.clone();
        this.k = k;
        this.sum = new double[labels.length];
    }

    /**
     * @param logits {@code [n * K]} logits of one checkpoint
     * @param nullLogits {@code [n * K]} null-model logits, or empty when unused
     * @param i the example's index in the chunk
     * @return the example's term at this checkpoint
     */
    abstract double term(double[] logits, double[] nullLogits, int i);

    @Override
    public final void add(double[] logits, double[] nullLogits) {
        count++;
        for (int i = 0; i < labels.length; i++) {
            sum[i] += term(logits, nullLogits, i);
        }
    }

    @Override
    public final double[][] results() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum[i] / count;
        }
        return new double[][] {out};
    }
}
