// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VogAccumulator} (Welford) against a naive two-pass loop in float64, and hand-computed values. */
class VogAccumulatorTest {

    /** Naive: per element, mean over C, then (1/C) sum of squared deviations; mean over T_i x D. */
    static double[] naive(double[][][][] g, Spread spread) {
        int c = g.length;
        int n = g[0].length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int t = g[0][i].length;
            if (t == 0) {
                continue;
            }
            int d = g[0][i][0].length;
            double sum = 0;
            for (int p = 0; p < t; p++) {
                for (int e = 0; e < d; e++) {
                    double mean = 0;
                    for (int k = 0; k < c; k++) {
                        mean += g[k][i][p][e];
                    }
                    mean /= c;
                    double var = 0;
                    for (int k = 0; k < c; k++) {
                        var += (g[k][i][p][e] - mean) * (g[k][i][p][e] - mean);
                    }
                    var /= c;
                    sum += spread == Spread.VARIANCE ? var : Math.sqrt(var);
                }
            }
            out[i] = sum / (t * d);
        }
        return out;
    }

    static double[] flatten(double[][][] chunk) {
        return java.util.Arrays.stream(chunk).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    @Test
    void matchesNaiveLoopOnRaggedExamples() {
        int[] lengths = {3, 0, 1, 5, 2};
        int d = 4;
        int c = 5;
        Random rnd = new Random(11);
        double[][][][] g = new double[c][lengths.length][][];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < lengths.length; i++) {
                g[k][i] = new double[lengths[i]][d];
                for (double[] row : g[k][i]) {
                    for (int e = 0; e < d; e++) {
                        row[e] = 1e3 + rnd.nextGaussian() * (i + 1);   // large mean: the naive two-pass is exact enough
                    }
                }
            }
        }
        for (Spread s : Spread.values()) {
            VogAccumulator acc = new VogAccumulator(lengths, d);
            for (int k = 0; k < c; k++) {
                acc.add(flatten(g[k]));
            }
            assertClose(naive(g, s), acc.finish(s), 1e-10, 0, "VoG " + s);
        }
    }

    @Test
    void populationVarianceNotSampleAndStdIsSqrtOfVariance() {
        // one example, one position, D = 1, values 1, 2, 3: population variance 2/3 (sample would be 1)
        VogAccumulator acc = new VogAccumulator(new int[] {1}, 1);
        acc.add(new double[] {1});
        acc.add(new double[] {2});
        acc.add(new double[] {3});
        assertClose(2.0 / 3.0, acc.finish(Spread.VARIANCE)[0], 1e-15, 0, "variance");
        assertClose(Math.sqrt(2.0 / 3.0), acc.finish(Spread.STD)[0], 1e-15, 0, "std");
    }

    @Test
    void meanIsOverRealPositionsTimesD() {
        // two positions x two dims; only element (0, 0) varies (0, 2): V = 1 there, 0 elsewhere -> 1/4
        VogAccumulator acc = new VogAccumulator(new int[] {2}, 2);
        acc.add(new double[] {0, 5, 5, 5});
        acc.add(new double[] {2, 5, 5, 5});
        assertArrayEquals(new double[] {0.25}, acc.finish(Spread.VARIANCE), 1e-15);
        assertArrayEquals(new double[] {0.25}, acc.finish(Spread.STD), 1e-15);
    }

    @Test
    void emptyExampleIsZeroAndOneCheckpointIsAnError() {
        VogAccumulator acc = new VogAccumulator(new int[] {0, 1}, 3);
        acc.add(new double[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> acc.finish(Spread.VARIANCE));
        acc.add(new double[] {1, 2, 5});
        assertArrayEquals(new double[] {0, 1.0 / 3.0}, acc.finish(Spread.VARIANCE), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> acc.add(new double[] {1, 2}));
    }
}
