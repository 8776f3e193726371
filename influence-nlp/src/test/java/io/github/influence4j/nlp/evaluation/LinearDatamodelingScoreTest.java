// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * The LDS arithmetic against independent computations: Spearman against commons-math3's
 * {@link SpearmansCorrelation} (average ranks for ties), the predictions against a naive
 * membership loop, and the LDS of a linear datamodel that is exact (1) or reversed (-1).
 */
class LinearDatamodelingScoreTest {
    @Test
    void spearmanMatchesCommonsMathWithTies() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 3 + r.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(6);          // many ties
                y[i] = r.nextDouble() + 0.3 * x[i];
            }
            double expected = new SpearmansCorrelation().correlation(x, y);
            assertEquals(expected, Spearman.correlation(x, y), 1e-12, "trial " + trial);
        }
        assertTrue(Double.isNaN(Spearman.correlation(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void predictionsSumAttributionsOverEachSubset() {
        double[][] tau = {{1, 2, 3, 4}, {-1, 0, 5, 0.5}};
        int[][] sets = {{0, 2}, {1, 2, 3}};
        double[][] p = LinearDatamodelingScore.predictions(tau, sets);
        for (int s = 0; s < sets.length; s++) {
            for (int t = 0; t < tau.length; t++) {
                double naive = 0;
                for (int i = 0; i < 4; i++) {
                    final int ii = i;
                    if (Arrays.stream(sets[s]).anyMatch(v -> v == ii)) {
                        naive += tau[t][i];
                    }
                }
                assertEquals(naive, p[s][t], 0);
            }
        }
    }

    @Test
    void anExactLinearDatamodelScoresOneAndItsNegationMinusOne() {
        int n = 60;
        int tests = 5;
        SplittableRandom r = new SplittableRandom(11);
        double[][] tau = new double[tests][n];
        for (double[] row : tau) {
            for (int i = 0; i < n; i++) {
                row[i] = r.nextGaussian();
            }
        }
        int[][] sets = new int[30][];
        for (int s = 0; s < sets.length; s++) {
            sets[s] = RandomSubsets.subset(n, 0.5, 9, s);
        }
        double[][] outputs = LinearDatamodelingScore.predictions(tau, sets);
        for (double[] o : outputs) {
            for (int t = 0; t < o.length; t++) {
                o[t] = Math.exp(o[t]);        // monotone: Spearman stays 1
            }
        }
        LinearDatamodelingScore.Result exact = LinearDatamodelingScore.of(tau, sets, outputs, 500, 0.95, 1);
        assertEquals(1.0, exact.mean(), 1e-12);
        assertEquals(1.0, exact.low(), 1e-12);
        double[][] neg = Arrays.stream(tau).map(row -> Arrays.stream(row).map(v -> -v).toArray()).toArray(double[][]::new);
        assertEquals(-1.0, LinearDatamodelingScore.of(neg, sets, outputs, 500, 0.95, 1).mean(), 1e-12);
    }

    @Test
    void theBootstrapIntervalCoversTheMeanAndIsSeeded() {
        int n = 40;
        SplittableRandom r = new SplittableRandom(5);
        double[][] tau = new double[20][n];
        int[][] sets = new int[12][];
        for (int s = 0; s < sets.length; s++) {
            sets[s] = RandomSubsets.subset(n, 0.5, 2, s);
        }
        double[][] outputs = new double[sets.length][20];
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < n; i++) {
                tau[t][i] = r.nextGaussian();
            }
        }
        double[][] pred = LinearDatamodelingScore.predictions(tau, sets);
        for (int s = 0; s < sets.length; s++) {
            for (int t = 0; t < 20; t++) {
                outputs[s][t] = pred[s][t] + 3 * r.nextGaussian();
            }
        }
        LinearDatamodelingScore.Result a = LinearDatamodelingScore.of(tau, sets, outputs, 1000, 0.95, 4);
        LinearDatamodelingScore.Result b = LinearDatamodelingScore.of(tau, sets, outputs, 1000, 0.95, 4);
        assertTrue(a.low() < a.mean() && a.mean() < a.high(), a.toString());
        assertEquals(a.low(), b.low(), 0);
        assertEquals(Arrays.stream(a.perTest()).average().orElseThrow(), a.mean(), 1e-12);
    }

    @Test
    void subsetsAreSeededHalvesAndDiffer() {
        int[] a = RandomSubsets.subset(9842, 0.5, 19, 0);
        assertEquals(4921, a.length);
        assertArrayEquals(a, RandomSubsets.subset(9842, 0.5, 19, 0));
        assertNotEquals(Arrays.toString(a), Arrays.toString(RandomSubsets.subset(9842, 0.5, 19, 1)));
        assertEquals(4921, Arrays.stream(a).distinct().count());
        int[] d = RandomSubsets.drawExcluding(100, 10, 1, new int[] {0, 1, 2});
        assertTrue(Arrays.stream(d).allMatch(v -> v > 2));
    }

    @Test
    void brittlenessTakesOnlyPositiveTopInfluencers() {
        double[] s = {0.5, -2, 3, 0, 3, 1e-9, -0.1};
        assertArrayEquals(new int[] {2, 4}, Brittleness.topPositive(s, 2));
        assertArrayEquals(new int[] {0, 2, 4, 5}, Brittleness.topPositive(s, 10));
        assertArrayEquals(new int[] {1, 3, 5, 6}, Brittleness.keepWithout(7, new int[] {0, 2, 4}));
    }

    @Test
    void theMarginIsTheLogOddsOfTheGoldClass() {
        float[] z = {0.3f, -1.2f, 2.0f};
        double e0 = Math.exp(0.3f);
        double e1 = Math.exp(-1.2f);
        double e2 = Math.exp(2.0f);
        double p = e2 / (e0 + e1 + e2);
        assertEquals(Math.log(p / (1 - p)), SnliRetrainer.margin(z, 2), 1e-12);
    }
}
