// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The linear datamodeling score (Park et al. 2023, Definition 2.3): for each test example z, the
 * Spearman rank correlation, across random training subsets {@code S_j}, between the attribution
 * method's prediction {@code g(z, S_j) = sum_{i in S_j} tau(z)_i} and the model output
 * {@code f(z; theta*(S_j))} after retraining on {@code S_j}; the LDS is its mean over test
 * examples, reported with a percentile bootstrap interval over test examples.
 */
public final class LinearDatamodelingScore {
    private LinearDatamodelingScore() {
    }

    /**
     * The result.
     *
     * @param mean the LDS: mean per-test correlation over the test examples where it is defined
     * @param low the bootstrap interval's lower end
     * @param high its upper end
     * @param perTest the per-test correlations (NaN where a ranking is constant)
     * @param subsets the number of subsets used
     */
    public record Result(double mean, double low, double high, double[] perTest, int subsets) {
    }

    /**
     * @param attributions {@code [test][train]} scores tau, positive = raises the output
     * @param subsets the training subsets, ids into the train dimension
     * @return {@code [subset][test]} predicted outputs, {@code sum_{i in S_j} tau(z)_i}
     */
    public static double[][] predictions(double[][] attributions, int[][] subsets) {
        double[][] p = new double[subsets.length][attributions.length];
        for (int s = 0; s < subsets.length; s++) {
            for (int t = 0; t < attributions.length; t++) {
                double sum = 0;
                for (int i : subsets[s]) {
                    sum += attributions[t][i];
                }
                p[s][t] = sum;
            }
        }
        return p;
    }

    /**
     * @param attributions {@code [test][train]}
     * @param subsets the subsets
     * @param outputs {@code [subset][test]} retrained outputs
     * @param bootstrap bootstrap resamples of the test examples (e.g. 2000)
     * @param level the interval's coverage, e.g. 0.95
     * @param seed the bootstrap's seed
     * @return the LDS with its interval
     */
    public static Result of(double[][] attributions, int[][] subsets, double[][] outputs, int bootstrap, double level,
            long seed) {
        if (subsets.length != outputs.length || subsets.length < 3) {
            throw new IllegalArgumentException("need >= 3 subsets and one output row per subset; got " + subsets.length
                    + " subsets and " + outputs.length + " output rows");
        }
        double[][] pred = predictions(attributions, subsets);
        int t = attributions.length;
        double[] rho = new double[t];
        for (int z = 0; z < t; z++) {
            double[] a = new double[subsets.length];
            double[] b = new double[subsets.length];
            for (int s = 0; s < subsets.length; s++) {
                a[s] = pred[s][z];
                b[s] = outputs[s][z];
            }
            rho[z] = Spearman.correlation(a, b);
        }
        double[] defined = Arrays.stream(rho).filter(r -> !Double.isNaN(r)).toArray();
        double mean = Arrays.stream(defined).average().orElse(Double.NaN);
        double[] boot = new double[bootstrap];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < bootstrap; b++) {
            double s = 0;
            for (int i = 0; i < defined.length; i++) {
                s += defined[rnd.nextInt(defined.length)];
            }
            boot[b] = s / defined.length;
        }
        Arrays.sort(boot);
        double alpha = (1 - level) / 2;
        return new Result(mean, quantile(boot, alpha), quantile(boot, 1 - alpha), rho, subsets.length);
    }

    /** Linear interpolation between order statistics (type 7), on sorted values. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
