// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import static io.github.influence4j.core.testing.Asserts.assertClose;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** GraNd's closed forms against materialised gradients (moved from the logit accumulators' test with GraNd). */
class GrandAccumulatorTest {
    @Test
    void grandFactoredAndEmbeddingFormsMatchMaterialisedGradients() {
        Random r = new Random(9);
        int n = 4;
        int in = 3;
        int out = 2;
        double[] a = new double[n * in];
        double[] delta = new double[n * out];
        for (int j = 0; j < a.length; j++) {
            a[j] = r.nextGaussian();
        }
        for (int j = 0; j < delta.length; j++) {
            delta[j] = r.nextGaussian();
        }
        // tokens with repeats; embedding gradient rows at each position
        int[] lengths = {3, 0, 4, 1};
        double[] tokens = {5, 2, 5, 7, 7, 7, 1, 3};
        int d = 2;
        double[] g = new double[tokens.length * d];
        for (int j = 0; j < g.length; j++) {
            g[j] = r.nextGaussian();
        }
        GrandAccumulator acc = new GrandAccumulator(n);
        acc.addFactored(a, delta, in, out, true);
        acc.addEmbedding(g, tokens, lengths, d);
        acc.endCheckpoint();
        double[] got = acc.results();
        int start = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int o = 0; o < out; o++) {          // materialise dL/dW = delta a^T and dL/db = delta
                for (int j = 0; j < in; j++) {
                    sq += Math.pow(delta[i * out + o] * a[i * in + j], 2);
                }
                sq += Math.pow(delta[i * out + o], 2);
            }
            double[][] gradE = new double[10][d];     // materialise the V x D embedding gradient
            for (int t = start; t < start + lengths[i]; t++) {
                for (int e = 0; e < d; e++) {
                    gradE[(int) tokens[t]][e] += g[t * d + e];
                }
            }
            for (double[] row : gradE) {
                for (double x : row) {
                    sq += x * x;
                }
            }
            start += lengths[i];
            assertClose(Math.sqrt(sq), got[i], 1e-12, 0, "grand example " + i);
        }
    }

    @Test
    void grandHandValuesAndMeanOverCheckpoints() {
        GrandAccumulator acc = new GrandAccumulator(1);
        acc.addFactored(new double[] {1, 2}, new double[] {3}, 2, 1, true);     // 9 * (5 + 1) = 54
        acc.endCheckpoint();
        acc.addFactored(new double[] {1, 2}, new double[] {3}, 2, 1, false);    // 9 * 5 = 45
        acc.addDense(new double[] {0, 6}, 2);                                   // + 36 = 81
        acc.endCheckpoint();
        assertClose((Math.sqrt(54) + 9) / 2, acc.results()[0], 1e-15, 0, "mean of per-checkpoint norms");
    }

}
