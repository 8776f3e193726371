// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import java.util.Arrays;

/**
 * The pure arithmetic of VoG for one chunk of examples: Welford's running mean and sum of squared
 * deviations, per gradient element, over checkpoints; then the per-example mean of the variance or
 * of the standard deviation. No I/O.
 *
 * <p>Memory is two float64 arrays of {@code sum_i T_i x D} elements: it grows with the chunk, never
 * with N or with the number of checkpoints.
 *
 * @implNote Welford (1962) updates, per element x at checkpoint k: {@code d = x - mean;
 *     mean += d / k; m2 += d * (x - mean)}; the population variance is {@code m2 / C} (divide by C,
 *     {@code ddof = 0}, docs/DESIGN.md section 3.0). An example with no real positions ({@code T_i = 0})
 *     gets 0: it has no gradient to vary (the oracle's masked mean gives the same).
 */
final class VogAccumulator {
    private final int[] lengths;
    private final int width;
    private final double[] mean;
    private final double[] m2;
    private int count;

    /**
     * @param lengths T_i per example of the chunk
     * @param width D, elements per position
     */
    VogAccumulator(int[] lengths, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, was " + width);
        }
        long rows = 0;
        for (int t : lengths) {
            if (t < 0) {
                throw new IllegalArgumentException("negative length in " + Arrays.toString(lengths));
            }
            rows += t;
        }
        this.lengths = lengths.clone();
        this.width = width;
        int size = Math.toIntExact(rows * width);
        this.mean = new double[size];
        this.m2 = new double[size];
    }

    /**
     * Adds the gradients of one checkpoint.
     *
     * @param gradients {@code [sum_i T_i * D]}, examples concatenated, positions row-major
     */
    void add(double[] gradients) {
        if (gradients.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " gradient elements, got " + gradients.length);
        }
        count++;
        double inv = 1.0 / count;
        for (int j = 0; j < gradients.length; j++) {
            double x = gradients[j];
            double d = x - mean[j];
            mean[j] += d * inv;
            m2[j] += d * (x - mean[j]);
        }
    }

    /** @return the number of checkpoints added */
    int count() {
        return count;
    }

    /**
     * @param spread variance or standard deviation
     * @return one raw VoG value per example of the chunk
     * @throws IllegalStateException if fewer than 2 checkpoints were added
     */
    double[] finish(Spread spread) {
        if (count < 2) {
            throw new IllegalStateException("VoG needs at least 2 checkpoints, got " + count);
        }
        double[] out = new double[lengths.length];
        int j = 0;
        for (int i = 0; i < lengths.length; i++) {
            int elements = lengths[i] * width;
            double sum = 0;
            for (int e = 0; e < elements; e++, j++) {
                double var = m2[j] / count;
                sum += spread == Spread.VARIANCE ? var : Math.sqrt(var);
            }
            out[i] = elements == 0 ? 0.0 : sum / elements;
        }
        return out;
    }
}
