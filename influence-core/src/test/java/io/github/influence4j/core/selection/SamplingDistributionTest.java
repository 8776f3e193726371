// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static io.github.influence4j.core.Orientation.HIGHER_IS_HARDER;
import static io.github.influence4j.core.Orientation.LOWER_IS_HARDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.testing.Asserts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampling policies against exact subset probabilities of successive sampling without
 * replacement, enumerated independently of the Gumbel-top-k implementation, with a chi-square
 * goodness-of-fit test over seeds 0..M-1 (deterministic, so a pass is reproducible).
 */
class SamplingDistributionTest {
    private static final int M = 20_000;

    /** P(subset) of k successive draws without replacement with probability w_i / (remaining weight). */
    static Map<Integer, Double> successive(double[] w, int k) {
        Map<Integer, Double> p = new HashMap<>();
        enumerate(w, k, 0, 1.0, p);
        return p;
    }

    private static void enumerate(double[] w, int k, int mask, double prob, Map<Integer, Double> out) {
        if (Integer.bitCount(mask) == k) {
            out.merge(mask, prob, Double::sum);
            return;
        }
        double left = 0;
        for (int i = 0; i < w.length; i++) {
            if ((mask & (1 << i)) == 0) {
                left += w[i];
            }
        }
        for (int i = 0; i < w.length; i++) {
            if ((mask & (1 << i)) == 0) {
                enumerate(w, k, mask | (1 << i), prob * w[i] / left, out);
            }
        }
    }

    /** Independent successive sampling within each class (bit sets over the whole index range). */
    static Map<Integer, Double> perClass(double[] w, int[] labels, Map<Integer, Integer> keepPerClass) {
        Map<Integer, Double> joint = Map.of(0, 1.0);
        for (Map.Entry<Integer, Integer> e : keepPerClass.entrySet()) {
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == e.getKey())
                    .toArray();
            double[] wc = new double[members.length];
            for (int j = 0; j < members.length; j++) {
                wc[j] = w[members[j]];
            }
            Map<Integer, Double> next = new HashMap<>();
            for (Map.Entry<Integer, Double> local : successive(wc, e.getValue()).entrySet()) {
                int global = 0;
                for (int j = 0; j < members.length; j++) {
                    if ((local.getKey() & (1 << j)) != 0) {
                        global |= 1 << members[j];
                    }
                }
                for (Map.Entry<Integer, Double> j : joint.entrySet()) {
                    next.merge(j.getKey() | global, j.getValue() * local.getValue(), Double::sum);
                }
            }
            joint = next;
        }
        return joint;
    }

    static Map<Integer, Integer> observe(SelectionPolicy policy, InfluenceScores s, int[] labels) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < M; seed++) {
            int mask = 0;
            for (int id : policy.select(s, labels, seed).keptIds()) {
                mask |= 1 << id;
            }
            counts.merge(mask, 1, Integer::sum);
        }
        return counts;
    }

    static double chiSquare(Map<Integer, Integer> observed, Map<Integer, Double> expected) {
        for (Integer cell : observed.keySet()) {
            assertTrue(expected.containsKey(cell), "observed an impossible subset " + Integer.toBinaryString(cell));
        }
        double sum = 0;
        for (Map.Entry<Integer, Double> e : expected.entrySet()) {
            double exp = M * e.getValue();
            double d = observed.getOrDefault(e.getKey(), 0) - exp;
            sum += d * d / exp;
        }
        return sum;
    }

    /** Upper 1e-4 quantile of chi-square(df), Wilson-Hilferty. */
    static double critical(int df) {
        double z = 3.719;
        double a = 2.0 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    static void assertFits(SelectionPolicy policy, InfluenceScores s, int[] labels, Map<Integer, Double> expected,
            Map<Integer, Double> wrong) {
        double total = expected.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, total, 1e-12, "enumeration sums to 1");
        Map<Integer, Integer> obs = observe(policy, s, labels);
        double chi = chiSquare(obs, expected);
        double crit = critical(expected.size() - 1);
        assertTrue(chi < crit, policy.spec() + ": chi-square " + chi + " >= " + crit + " (df " + (expected.size() - 1)
                + "), observed " + obs + " expected " + expected);
        // the test has power: the same draws reject a plausible wrong distribution
        double chiWrong = chiSquare(obs, wrong);
        assertTrue(chiWrong > 3 * crit, policy.spec() + ": cannot tell it from the wrong distribution (" + chiWrong
                + ")");
    }

    private static double[] exp(double[] h, double scale) {
        double[] w = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            w[i] = Math.exp(h[i] * scale);
        }
        return w;
    }

    private static final double[] H5 = {0, 0.5, 1, 2, 3};

    @Test
    void softmaxFavouringHardMatchesSuccessiveSampling() {
        double t = 0.7;
        SoftmaxSampling p = new SoftmaxSampling(t, SubsetSize.keep(0.4), Difficulty.HARD, false);
        assertFits(p, TestScores.of(HIGHER_IS_HARDER, H5), new int[0], successive(exp(H5, 1 / t), 2),
                successive(exp(H5, -1 / t), 2));
    }

    @Test
    void softmaxFavouringEasyMatchesSuccessiveSampling() {
        double t = 1.3;
        // LOWER_IS_HARDER values -h: the same hardness as H5; favour easy: weight exp(-h / t); prune 2 -> keep 3
        SoftmaxSampling p = new SoftmaxSampling(t, SubsetSize.prune(0.4), Difficulty.EASY, false);
        assertFits(p, TestScores.flipped(H5), new int[0], successive(exp(H5, -1 / t), 3),
                successive(exp(H5, 1 / t), 3));
    }

    @Test
    void orientationOnlyChangesTheSign() {
        SoftmaxSampling p = new SoftmaxSampling(0.5, SubsetSize.keep(0.6), Difficulty.HARD, false);
        for (long seed = 0; seed < 200; seed++) {
            assertArrayEquals(p.select(TestScores.of(HIGHER_IS_HARDER, H5), seed).keptIds(),
                    p.select(TestScores.flipped(H5), seed).keptIds(), "seed " + seed);
        }
    }

    @Test
    void linearMatchesSuccessiveSamplingWithWeightsOnEpsToOne() {
        double[] v = {3, 0, 10, 4, 7, 1};
        double eps = 0.1;
        double[] w = new double[v.length];
        double[] wEasy = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = eps + (1 - eps) * (v[i] - 0) / 10;
            wEasy[i] = eps + (1 - eps) * (10 - v[i]) / 10;
        }
        LinearSampling p = new LinearSampling(eps, SubsetSize.keep(0.5), Difficulty.HARD, false);
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, v);
        Asserts.assertClose(w, p.weights(s), 1e-15, 1e-15, "linear weights");
        Map<Integer, Double> uniform = successive(new double[] {1, 1, 1, 1, 1, 1}, 3);
        assertFits(p, s, new int[0], successive(w, 3), uniform);
        LinearSampling easy = new LinearSampling(eps, SubsetSize.keep(0.5), Difficulty.EASY, false);
        Asserts.assertClose(wEasy, easy.weights(s), 1e-15, 1e-15, "linear weights, favour easy");
        assertFits(easy, TestScores.flipped(v), new int[0], successive(wEasy, 3), uniform);
    }

    @Test
    void randomIsUniformOverSubsets() {
        Map<Integer, Double> uniform = successive(new double[] {1, 1, 1, 1, 1}, 2);
        uniform.values().forEach(q -> assertEquals(0.1, q, 1e-12));
        assertFits(Selections.random(SubsetSize.keep(0.4)), TestScores.of(HIGHER_IS_HARDER, H5), new int[0], uniform,
                successive(exp(H5, 1), 2));
    }

    @Test
    void stratifiedIsUniformWithinClassesWithLargestRemainderQuotas() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        // T = 3 kept of 3 + 3: quotas 1.5, 1.5 -> 1, 1, and the tie on the remainder goes to class 0
        Map<Integer, Double> expected = perClass(new double[] {1, 1, 1, 1, 1, 1}, labels, Map.of(0, 2, 1, 1));
        assertEquals(9, expected.size());
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, 0, 1, 2, 3, 4, 5);
        assertFits(Selections.stratified(SubsetSize.keep(0.5)), s, labels, expected,
                successive(new double[] {1, 1, 1, 1, 1, 1}, 3));
        for (long seed = 0; seed < 50; seed++) {
            Selection sel = Selections.stratified(SubsetSize.keep(0.5)).select(s, labels, seed);
            assertEquals(Map.of(0, 2, 1, 1), sel.classCountsAfter());
        }
    }

    @Test
    void classBalancedSoftmaxSamplesWithinEachClass() {
        int[] labels = {0, 0, 1, 0, 1};
        double[] v = {0.2, 1.5, 0.1, -0.4, 2.0};
        double t = 0.8;
        // T = 3 kept: quotas 1.8 (class 0, size 3), 1.2 (class 1, size 2) -> 1, 1 + 1 to class 0 (remainder .8)
        Map<Integer, Double> expected = perClass(exp(v, 1 / t), labels, Map.of(0, 2, 1, 1));
        Map<Integer, Double> wrong = new HashMap<>(perClass(new double[] {1, 1, 1, 1, 1}, labels, Map.of(0, 2, 1, 1)));
        SoftmaxSampling p = new SoftmaxSampling(t, SubsetSize.keep(0.6), Difficulty.HARD, true);
        assertFits(p, TestScores.of(HIGHER_IS_HARDER, v), labels, expected, wrong);
    }

    @Test
    void infiniteScoresAreDrawnFirstOrLast() {
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, 1, Double.POSITIVE_INFINITY, 2, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0);
        SoftmaxSampling keep2 = new SoftmaxSampling(1, SubsetSize.keep(2.0 / 6), Difficulty.HARD, false);
        SoftmaxSampling keep5 = new SoftmaxSampling(1, SubsetSize.keep(5.0 / 6), Difficulty.HARD, false);
        for (long seed = 0; seed < 100; seed++) {
            assertArrayEquals(new int[] {1, 4}, keep2.select(s, seed).keptIds());
            assertArrayEquals(new int[] {3}, keep5.select(s, seed).prunedIds());
        }
        assertThrows(NumericalException.class, () -> Selections.linear(SubsetSize.keep(0.5)).select(s, 0L));
    }

    @Test
    void tinyTemperatureIsTheRankCutOffAndHugeScoresDoNotOverflow() {
        double[] v = {0.3, -2, 7, 1e-3, 5, 4.5, -1, 2};
        InfluenceScores s = TestScores.of(LOWER_IS_HARDER, v);
        SoftmaxSampling cold = new SoftmaxSampling(1e-300, SubsetSize.prune(0.5), Difficulty.HARD, false);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(Selections.pruneEasy(0.5).select(s, 0L).keptIds(), cold.select(s, seed).keptIds());
        }
        InfluenceScores huge = TestScores.of(HIGHER_IS_HARDER, 1.7e308, -1.7e308, 0, 1e308);
        Selection sel = new SoftmaxSampling(1e-5, SubsetSize.keep(0.5), Difficulty.HARD, false).select(huge, 3L);
        assertArrayEquals(new int[] {0, 3}, sel.keptIds());
        assertEquals(2, Selections.linear(SubsetSize.keep(0.5)).select(huge, 3L).keptCount());
    }

    @Test
    void sameSeedSameSelectionDifferentSeedsDiffer() {
        double[] v = new double[300];
        int[] labels = new int[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
            labels[i] = i % 3;
        }
        InfluenceScores s = TestScores.of(HIGHER_IS_HARDER, v);
        for (String spec : new String[] {"softmax:temperature=0.3,keep=0.7", "linear:prune=0.3",
            "random:keep=0.5", "stratified:keep=0.5", "softmax:temperature=1,prune=0.2,class-balanced=true"}) {
            SelectionPolicy p = Selections.parse(spec);
            Selection a = p.select(s, labels, 42L);
            assertEquals(a, p.select(s, labels, 42L), spec);
            assertEquals(a, Selections.parse(p.spec()).select(s, labels, 42L), spec + " from its canonical spec");
            assertNotEquals(java.util.Arrays.toString(a.keptIds()),
                    java.util.Arrays.toString(p.select(s, labels, 43L).keptIds()), spec);
            assertEquals(p.spec(), a.spec());
        }
        // pinned: a change of RNG or key layout is a visible, deliberate change
        assertArrayEquals(new int[] {2, 3, 4},
                Selections.random(SubsetSize.keep(0.5)).select(TestScores.of(HIGHER_IS_HARDER, H5[0], H5[1], H5[2],
                        H5[3], H5[4], 9), 7L).keptIds());
    }
}
