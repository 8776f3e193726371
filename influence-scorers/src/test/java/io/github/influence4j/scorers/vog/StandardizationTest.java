// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Standardization} against a naive loop; degenerate groups pinned to 0. */
class StandardizationTest {

    static double[] naive(double[] v, int[] y, int k) {
        double[] out = new double[v.length];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (y[i] == c) {
                    sum += v[i];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < v.length; i++) {
                if (y[i] == c) {
                    ss += (v[i] - mean) * (v[i] - mean);
                }
            }
            double sd = Math.sqrt(ss / n);          // population: divide by n, not n - 1
            for (int i = 0; i < v.length; i++) {
                if (y[i] == c) {
                    out[i] = (v[i] - mean) / sd;
                }
            }
        }
        return out;
    }

    @Test
    void classAndDatasetZScoresMatchNaiveLoop() {
        Random r = new Random(3);
        double[] v = new double[50];
        int[] y = new int[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * (1 + i % 3);
            y[i] = i % 3;
        }
        Standardization.Result c = Standardization.byClass(v, y, 3);
        assertClose(naive(v, y, 3), c.values(), 1e-12, 0, "class z-score");
        assertTrue(c.degenerate().isEmpty());
        assertClose(naive(v, new int[50], 1), Standardization.dataset(v).values(), 1e-12, 0, "dataset z-score");
    }

    @Test
    void populationStatistics() {
        // values 1, 3: mean 2, population std 1 -> -1, +1 (sample std would give -0.707, +0.707)
        assertArrayEquals(new double[] {-1, 1}, Standardization.dataset(new double[] {1, 3}).values(), 1e-15);
    }

    @Test
    void singletonAndConstantClassesMapToZeroAndAreReported() {
        double[] v = {5, 1, 2, 7, 7};
        int[] y = {0, 1, 1, 2, 2};          // class 0: one member; class 2: zero spread; class 3: empty
        Standardization.Result r = Standardization.byClass(v, y, 4);
        assertArrayEquals(new double[] {0, -1, 1, 0, 0}, r.values(), 1e-15);
        assertEquals(2, r.degenerate().size(), r.degenerate().toString());
        assertTrue(r.degenerate().get(0).startsWith("class 0 (1 example"), r.degenerate().toString());
        assertArrayEquals(new double[] {0, 0}, Standardization.dataset(new double[] {4, 4}).values());
        assertEquals(1, Standardization.dataset(new double[] {4, 4}).degenerate().size());
    }
}
