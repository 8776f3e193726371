// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Forgetting events of one chunk (Toneva et al. 2019, Sec. 3): the number of transitions from
 * correct (argmax z = y) at one checkpoint to incorrect at the next, over the selected checkpoints
 * in training order. Pure arithmetic.
 *
 * @implNote Argmax ties go to the lowest class index. An example never classified correctly gets
 *     C (the number of checkpoints added) or positive infinity, by {@link NeverLearned}.
 */
final class ForgettingAccumulator implements LogitAccumulator {
    private final int[] labels;
    private final int k;
    private final NeverLearned neverLearned;
    private final boolean[] previous;
    private final boolean[] ever;
    private final int[] forgotten;
    private int count;

    /**
     * @param labels gold class per example
     * @param k the number of classes
     * @param neverLearned the value for never-learned examples
     */
    ForgettingAccumulator(int[] labels, int k, NeverLearned neverLearned) {
        this.labels = labels.clone();
        this.k = k;
        this.neverLearned = neverLearned;
        this.previous = new boolean[labels.length];
        this.ever = new boolean[labels.length];
        this.forgotten = new int[labels.length];
    }

    @Override
    public void add(double[] logits, double[] nullLogits) {
        for (int i = 0; i < labels.length; i++) {
            boolean correct = LogitMath.argmax(logits, i, k) == labels[i];
            if (count > 0 && previous[i] && !correct) {
                forgotten[i]++;
            }
            previous[i] = correct;
            ever[i] |= correct;
        }
        count++;
    }

    @Override
    public double[][] results() {
        double never = neverLearned == NeverLearned.INFINITY ? Double.POSITIVE_INFINITY : count;
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ever[i] ? forgotten[i] : never;
        }
        return new double[][] {out};
    }
}
