// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Data-map statistics of one chunk (Swayamdipta et al. 2020, Sec. 2): with p_c = softmax(z_c)[y],
 * confidence = mean_c p_c, variability = population std_c p_c, correctness = fraction of
 * checkpoints with argmax z_c = y. Pure arithmetic.
 *
 * @implNote Variability divides by C ({@code ddof = 0}, as {@code np.std} in the authors' code),
 *     via Welford's update in float64. Argmax ties go to the lowest class index.
 */
final class DataMapAccumulator implements LogitAccumulator {
    private final int[] labels;
    private final int k;
    private final double[] mean;
    private final double[] m2;
    private final int[] correct;
    private final double[] p;
    private int count;

    /**
     * @param labels gold class per example, in {@code [0, k)}
     * @param k the number of classes
     */
    DataMapAccumulator(int[] labels, int k) {
        this.labels = labels.clone();
        this.k = k;
        this.mean = new double[labels.length];
        this.m2 = new double[labels.length];
        this.correct = new int[labels.length];
        this.p = new double[k];
    }

    @Override
    public void add(double[] logits, double[] nullLogits) {
        count++;
        for (int i = 0; i < labels.length; i++) {
            LogitMath.softmax(logits, i, k, p);
            double x = p[labels[i]];
            double d = x - mean[i];
            mean[i] += d / count;
            m2[i] += d * (x - mean[i]);
            if (LogitMath.argmax(logits, i, k) == labels[i]) {
                correct[i]++;
            }
        }
    }

    /** @return {confidence, variability, correctness}, each one value per example */
    @Override
    public double[][] results() {
        int n = labels.length;
        double[] conf = new double[n];
        double[] var = new double[n];
        double[] corr = new double[n];
        for (int i = 0; i < n; i++) {
            conf[i] = mean[i];
            var[i] = Math.sqrt(Math.max(0, m2[i]) / count);
            corr[i] = (double) correct[i] / count;
        }
        return new double[][] {conf, var, corr};
    }
}
