// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each confidence-family accumulator against a naive float64 loop written straight from the
 * definitions (docs/DESIGN.md sections 3.5 to 3.9), plus hand-computed values that pin each convention.
 */
class ConfidenceAccumulatorsTest {
    static final int N = 9;
    static final int K = 4;
    static final int C = 5;

    /** z[c][i][k], with ties planted at example 0 and large logits at example 1. */
    static double[][][] logits(long seed) {
        Random r = new Random(seed);
        double[][][] z = new double[C][N][K];
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < K; k++) {
                    z[c][i][k] = r.nextGaussian() * 2;
                }
            }
            z[c][0] = new double[] {1, 1, 1, 0};
            z[c][1][2] = 700;       // exp(700) overflows a naive softmax without the max shift
        }
        return z;
    }

    static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = (i * 7) % K;
        }
        y[0] = 1;                   // tied with class 0: argmax goes to 0, so never correct
        return y;
    }

    static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] softmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            s += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= s;
        }
        return p;
    }

    static int argmax(double[] z) {
        int b = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[b]) {
                b = k;
            }
        }
        return b;
    }

    static double[][] feed(LogitAccumulator acc, double[][][] z, double[][][] zNull) {
        for (int c = 0; c < z.length; c++) {
            acc.add(flat(z[c]), zNull == null ? new double[0] : flat(zNull[c]));
        }
        return acc.results();
    }

    @Test
    void dataMapMatchesNaiveLoop() {
        double[][][] z = logits(1);
        int[] y = labels();
        double[] conf = new double[N];
        double[] var = new double[N];
        double[] corr = new double[N];
        for (int i = 0; i < N; i++) {
            double[] p = new double[C];
            for (int c = 0; c < C; c++) {
                p[c] = softmax(z[c][i])[y[i]];
                conf[i] += p[c] / C;
                corr[i] += argmax(z[c][i]) == y[i] ? 1.0 / C : 0;
            }
            for (int c = 0; c < C; c++) {
                var[i] += (p[c] - conf[i]) * (p[c] - conf[i]) / C;   // population
            }
            var[i] = Math.sqrt(var[i]);
        }
        double[][] r = feed(new DataMapAccumulator(y, K), z, null);
        assertClose(conf, r[0], 1e-12, 1e-15, "confidence");
        assertClose(var, r[1], 1e-10, 1e-15, "variability");
        assertClose(corr, r[2], 1e-12, 0, "correctness");
        assertClose(0.0, r[2][0], 0, 0, "argmax tie goes to the lowest index");
    }

    @Test
    void dataMapHandComputed() {
        // K = 2, y = 0, logits (ln 3, 0), (0, 0), (0, 1): p(y) = 3/4, 1/2, 1/(1+e); the tie (0, 0) counts as
        // correct (argmax ties go to class 0), so correctness = 2/3
        double q = 1 / (1 + Math.E);
        double mean = (0.75 + 0.5 + q) / 3;
        double sd = Math.sqrt((Math.pow(0.75 - mean, 2) + Math.pow(0.5 - mean, 2) + Math.pow(q - mean, 2)) / 3);
        double[][] r = feed(new DataMapAccumulator(new int[] {0}, 2),
                new double[][][] {{{Math.log(3), 0}}, {{0, 0}}, {{0, 1}}}, null);
        assertArrayEquals(new double[] {mean, sd, 2.0 / 3}, new double[] {r[0][0], r[1][0], r[2][0]}, 1e-15);
    }

    @Test
    void el2nMatchesNaiveLoopAndHandValue() {
        double[][][] z = logits(2);
        int[] y = labels();
        double[] e = new double[N];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < C; c++) {
                double[] p = softmax(z[c][i]);
                double s = 0;
                for (int k = 0; k < K; k++) {
                    s += Math.pow(p[k] - (k == y[i] ? 1 : 0), 2);
                }
                e[i] += Math.sqrt(s) / C;
            }
        }
        assertClose(e, feed(new El2nAccumulator(y, K), z, null)[0], 1e-12, 1e-15, "el2n");
        // p = (1/2, 1/2), y = 0: ||(-1/2, 1/2)|| = sqrt(1/2)
        assertClose(Math.sqrt(0.5), feed(new El2nAccumulator(new int[] {0}, 2), new double[][][] {{{0, 0}}}, null)[0][0],
                1e-15, 0, "el2n hand value");
    }

    @Test
    void aumMatchesNaiveLoopAndHandValue() {
        double[][][] z = logits(3);
        int[] y = labels();
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < C; c++) {
                double other = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < K; k++) {
                    other = k == y[i] ? other : Math.max(other, z[c][i][k]);
                }
                a[i] += (z[c][i][y[i]] - other) / C;
            }
        }
        assertClose(a, feed(new AumAccumulator(y, K), z, null)[0], 1e-12, 1e-12, "aum");
        // margins 2 - 5 = -3 and 4 - 3 = 1 -> mean -1 (logits, not probabilities)
        assertClose(-1.0, feed(new AumAccumulator(new int[] {0}, 3),
                new double[][][] {{{2, 5, 1}}, {{4, 1, 3}}}, null)[0][0], 1e-15, 0, "aum hand value");
    }

    @Test
    void forgettingMatchesNaiveLoop() {
        double[][][] z = logits(4);
        int[] y = labels();
        for (NeverLearned nl : NeverLearned.values()) {
            double[] f = new double[N];
            for (int i = 0; i < N; i++) {
                boolean ever = false;
                for (int c = 0; c < C; c++) {
                    boolean now = argmax(z[c][i]) == y[i];
                    ever |= now;
                    if (c > 0 && argmax(z[c - 1][i]) == y[i] && !now) {
                        f[i]++;
                    }
                }
                f[i] = ever ? f[i] : nl == NeverLearned.INFINITY ? Double.POSITIVE_INFINITY : C;
            }
            assertClose(f, feed(new ForgettingAccumulator(y, K, nl), z, null)[0], 0, 0, "forgetting " + nl);
        }
    }

    @Test
    void forgettingHandPatterns() {
        // y = 0 for all; correctness sequences: ex0 T F T F -> 2; ex1 F T T T -> 0; ex2 F F F F -> never;
        // ex3 T T F T -> 1; ex4: tie (1, 1) -> argmax 0 = y, correct every time -> 0
        double[] t = {1, 0};
        double[] f = {0, 1};
        double[] tie = {1, 1};
        double[][][] z = {{t, f, f, t, tie}, {f, t, f, t, tie}, {t, t, f, f, tie}, {f, t, f, t, tie}};
        int[] y = {0, 0, 0, 0, 0};
        assertArrayEquals(new double[] {2, 0, 4, 1, 0},
                feed(new ForgettingAccumulator(y, 2, NeverLearned.CHECKPOINT_COUNT), z, null)[0]);
        assertArrayEquals(new double[] {2, 0, Double.POSITIVE_INFINITY, 1, 0},
                feed(new ForgettingAccumulator(y, 2, NeverLearned.INFINITY), z, null)[0]);
    }

    @Test
    void pviMatchesNaiveLoopAndHandValue() {
        double[][][] z = logits(5);
        double[][][] zn = logits(6);
        int[] y = labels();
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < C; c++) {
                v[i] += (Math.log(softmax(z[c][i])[y[i]]) - Math.log(softmax(zn[c][i])[y[i]])) / Math.log(2) / C;
            }
        }
        double[] got = feed(new PviAccumulator(y, K), z, zn)[0];
        for (int i = 0; i < N; i++) {
            if (Double.isFinite(v[i])) {
                assertClose(v[i], got[i], 1e-10, 1e-12, "pvi example " + i);
            }
        }
        // hand: z = (ln 3, 0, 0) -> p(0) = 3/5; null (0, 0, 0) -> 1/3; PVI = log2(3/5) - log2(1/3) = log2(9/5)
        assertClose(Math.log(9.0 / 5.0) / Math.log(2), feed(new PviAccumulator(new int[] {0}, 3),
                new double[][][] {{{Math.log(3), 0, 0}}}, new double[][][] {{{0, 0, 0}}})[0][0], 1e-15, 0, "pvi hand");
        // a 700 logit at class 2 in both models: log p(y) = z_y - 700 up to e^-600 (exp(700) itself would
        // overflow without the max shift), so PVI = mean_c (z_y - zn_y) / ln 2
        double expected = 0;
        for (int c = 0; c < C; c++) {
            expected += (z[c][1][y[1]] - zn[c][1][y[1]]) / Math.log(2) / C;
        }
        assertClose(expected, got[1], 1e-12, 1e-12, "pvi with a 700 logit");
    }
}
