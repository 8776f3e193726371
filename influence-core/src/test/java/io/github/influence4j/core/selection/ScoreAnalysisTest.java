// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static io.github.influence4j.core.Orientation.HIGHER_IS_HARDER;
import static io.github.influence4j.core.Orientation.LOWER_IS_HARDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.testing.Asserts;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreAnalysisTest {
    /** Brute force: pairs (mislabelled i, clean j), 1 if i is harder, 1/2 if tied. */
    private static double naiveAuroc(double[] hardness, boolean[] pos) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < hardness.length; i++) {
            for (int j = 0; j < hardness.length; j++) {
                if (pos[i] && !pos[j]) {
                    pairs++;
                    wins += hardness[i] > hardness[j] ? 1 : hardness[i] == hardness[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** Naive ranks: 1 + #smaller + (#equal - 1) / 2; then the two-pass Pearson formula. */
    private static double naiveSpearman(double[] x, double[] y) {
        double[] rx = naiveRanks(x);
        double[] ry = naiveRanks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx) / Math.sqrt(syy);
    }

    private static double[] naiveRanks(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int smaller = 0;
            int equal = 0;
            for (double v : x) {
                smaller += v < x[i] ? 1 : 0;
                equal += v == x[i] ? 1 : 0;
            }
            r[i] = 1 + smaller + (equal - 1) / 2.0;
        }
        return r;
    }

    @Test
    void aurocEqualsBruteForcePairCountingWithTies() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + r.nextInt(60);
            double[] v = new double[n];
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                v[i] = trial % 2 == 0 ? r.nextInt(5) : r.nextGaussian();
                pos[i] = r.nextInt(3) == 0;
            }
            pos[0] = true;
            pos[1] = false;
            double expected = naiveAuroc(v, pos);
            assertEquals(expected, ScoreAnalysis.mislabelAuroc(TestScores.of(HIGHER_IS_HARDER, v), pos), 1e-12,
                    "trial " + trial);
            // LOWER_IS_HARDER: hardness is -value
            double[] neg = new double[n];
            for (int i = 0; i < n; i++) {
                neg[i] = -v[i];
            }
            assertEquals(expected, ScoreAnalysis.mislabelAuroc(TestScores.of(LOWER_IS_HARDER, neg), pos), 1e-12);
            assertEquals(1 - expected, ScoreAnalysis.mislabelAuroc(TestScores.of(LOWER_IS_HARDER, v), pos), 1e-12);
        }
        // by hand: hardness 3, 1, 2, 2 with mislabelled {0, 2}: pairs (0,1)=1 (0,3)=1 (2,1)=1 (2,3)=1/2 -> 3.5 / 4
        assertEquals(0.875, ScoreAnalysis.mislabelAuroc(TestScores.of(HIGHER_IS_HARDER, 3, 1, 2, 2),
                new boolean[] {true, false, true, false}), 1e-15);
    }

    @Test
    void spearmanEqualsANaiveImplementationWithTies() {
        // by hand: ranks x = 1, 2.5, 2.5, 4; y = 1, 3, 2, 4 -> 4.5 / sqrt(4.5 x 5)
        assertEquals(4.5 / Math.sqrt(22.5), ScoreAnalysis.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}),
                1e-15);
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + r.nextInt(80);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(4);
                y[i] = trial % 3 == 0 ? r.nextGaussian() : x[i] + r.nextInt(3);
            }
            x[0] = 0;
            x[1] = 1;
            y[2] = -1;
            double expected = naiveSpearman(x, y);
            assertEquals(expected, ScoreAnalysis.spearman(x, y), 1e-12, "trial " + trial);
            Asserts.assertClose(naiveRanks(x), ScoreAnalysis.averageRanks(x), 0, 0, "ranks, trial " + trial);
        }
    }

    @Test
    void spearmanOfScoresReadsOrientation() {
        double[] v = {0.1, 0.5, 0.3, 0.9, 0.7};
        InfluenceScores a = TestScores.of(HIGHER_IS_HARDER, v);
        InfluenceScores same = TestScores.flipped(v);
        assertEquals(1.0, ScoreAnalysis.spearman(a, same), 1e-15);
        assertEquals(-1.0, ScoreAnalysis.spearman(a.values(), same.values()), 1e-15);
        assertTrue(Double.isNaN(ScoreAnalysis.spearman(a, TestScores.of(HIGHER_IS_HARDER, 1, 1, 1, 1, 1))));
        assertEquals(1.0, ScoreAnalysis.spearman(new double[] {-0.0, 1}, new double[] {0.0, 1}), 0);
    }

    @Test
    void topOverlapAndPrecisionAtKByHand() {
        // a hardest 4 (of 10): ids 9, 8, 7, 6; b (LOWER_IS_HARDER) hardest 4: ids 0, 9, 8, 2
        InfluenceScores a = TestScores.of(HIGHER_IS_HARDER, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        InfluenceScores b = TestScores.of(LOWER_IS_HARDER, 0, 5, 3, 6, 7, 8, 9, 10, 2, 1);
        assertArrayEquals(new int[] {6, 7, 8, 9}, ScoreAnalysis.hardest(a, 4));
        assertArrayEquals(new int[] {0, 2, 8, 9}, ScoreAnalysis.hardest(b, 4));
        assertArrayEquals(new int[] {5, 6, 7}, ScoreAnalysis.easiest(b, 3)); // LOWER_IS_HARDER: easy = values 10, 9, 8
        assertEquals(2.0 / 6, ScoreAnalysis.topOverlap(a, b, 0.4), 1e-15);
        assertEquals(1.0, ScoreAnalysis.topOverlap(a, a, 0.3), 0);
        assertEquals(1.0, ScoreAnalysis.topOverlap(a, b, 1.0), 0);
        assertEquals(1.0 / 3, ScoreAnalysis.jaccard(new int[] {1, 2, 2}, new int[] {2, 3}), 1e-15);
        boolean[] noisy = new boolean[10];
        noisy[9] = true;
        noisy[7] = true;
        noisy[0] = true;
        assertEquals(2.0 / 3, ScoreAnalysis.precisionAtK(a, noisy, 3), 1e-15); // ids 9, 8, 7
        assertEquals(1.0, ScoreAnalysis.precisionAtK(b, noisy, 1), 0); // id 0 (value 0)
        assertEquals(0.3, ScoreAnalysis.precisionAtK(a, noisy, 10), 1e-15);
        // ties: precision@k uses the same total order as the policies (higher id = harder among ties)
        InfluenceScores tied = TestScores.of(HIGHER_IS_HARDER, 1, 1, 1, 0);
        assertEquals(1.0, ScoreAnalysis.precisionAtK(tied, new boolean[] {false, false, true, false}, 1), 0);
    }

    @Test
    void classCounts() {
        assertEquals(Map.of(0, 2, 2, 1, 5, 1), ScoreAnalysis.classCounts(new int[] {0, 5, 0, 2}));
        assertEquals(Map.of(0, 1, 2, 1, 5, 1),
                ScoreAnalysis.classCounts(new int[] {3, 7, 8, 12}, new int[] {0, 5, 0, 2}, new int[] {12, 7, 3}));
        assertEquals(Map.of(0, 0, 2, 0, 5, 0),
                ScoreAnalysis.classCounts(new int[] {3, 7, 8, 12}, new int[] {0, 5, 0, 2}, new int[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreAnalysis.classCounts(new int[] {3, 7}, new int[] {0, 5}, new int[] {4}));
    }

    @Test
    void badInputIsAClearError() {
        InfluenceScores a = TestScores.of(HIGHER_IS_HARDER, 1, 2, 3);
        InfluenceScores other = TestScores.of(HIGHER_IS_HARDER, new int[] {0, 1, 5}, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreAnalysis.spearman(a, other));
        assertTrue(e.getMessage().contains("different example ids"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.topOverlap(a, other, 0.5));
        e = assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.topOverlap(a, a, 0.1));
        assertTrue(e.getMessage().contains("rounds to 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.topOverlap(a, a, 1.5));
        e = assertThrows(IllegalArgumentException.class,
                () -> ScoreAnalysis.mislabelAuroc(a, new boolean[] {true, true, true}));
        assertTrue(e.getMessage().contains("3 mislabelled and 0 clean"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.mislabelAuroc(a, new boolean[] {true}));
        assertTrue(e.getMessage().contains("mask has 1 entries for 3 scores"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.precisionAtK(a, new boolean[3], 0));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreAnalysis.spearman(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(NumericalException.class,
                () -> ScoreAnalysis.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
        InfluenceScores nan = TestScores.of(HIGHER_IS_HARDER, 1, Double.NaN, 0);
        assertThrows(NumericalException.class, () -> ScoreAnalysis.mislabelAuroc(nan, new boolean[] {true, false, false}));
        InfluenceScores empty = TestScores.of(HIGHER_IS_HARDER);
        assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.hardest(empty, 0));
        assertThrows(IllegalArgumentException.class, () -> ScoreAnalysis.jaccard(new int[0], new int[0]));
    }
}
