// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sparse per-token gradients, the top-k rule, the inverted index and word explanations, by hand. */
class EmbeddingGradientsTest {

    @Test
    void repeatedTokensAreSummedAndTokensSorted() {
        // one example: tokens 7, 3, 7 with rows r0, r1, r2 (D = 2)
        EmbeddingGradients g = EmbeddingGradients.of(10, new int[] {7, 3, 7}, new long[] {0, 3},
                new double[] {1, 2, 10, 20, 100, 200}, 2, 0);
        assertEquals(1, g.size());
        assertEquals(10, g.firstId());
        assertArrayEquals(new int[] {3, 7}, g.tokens(0));
        assertArrayEquals(new double[] {101, 202}, g.gradient(0, 7));
        assertArrayEquals(new double[] {10, 20}, g.gradient(0, 3));
        assertEquals(0, g.gradient(0, 4).length);
        assertEquals(101 * 101 + 202 * 202 + 10 * 10 + 20 * 20, g.squaredNorm(0), 0);
    }

    @Test
    void topKKeepsTheLargestRowNormsAndTiesGoToTheLowerPosition() {
        // norms: pos0 = 1, pos1 = 5, pos2 = 1, pos3 = 5, pos4 = 1 (D = 1); k = 3 keeps 1, 3 and then 0 (tie with 2, 4)
        int[] tokens = {1, 2, 3, 4, 5};
        double[] rows = {1, 5, -1, -5, 1};
        EmbeddingGradients g = EmbeddingGradients.of(0, tokens, new long[] {0, 5}, rows, 1, 3);
        assertArrayEquals(new int[] {1, 2, 4}, g.tokens(0));
        // all equal norms: the first k positions
        EmbeddingGradients eq = EmbeddingGradients.of(0, tokens, new long[] {0, 5}, new double[] {2, 2, -2, 2, 2}, 1, 2);
        assertArrayEquals(new int[] {1, 2}, eq.tokens(0));
        // k >= length keeps everything, and empty examples are fine
        EmbeddingGradients all = EmbeddingGradients.of(0, tokens, new long[] {0, 0, 5}, rows, 1, 9);
        assertEquals(0, all.tokens(0).length);
        assertEquals(5, all.tokens(1).length);
        assertEquals(0, all.squaredNorm(0), 0);
    }

    @Test
    void dotIsTheSumOverSharedTokens() {
        EmbeddingGradients a = EmbeddingGradients.of(0, new int[] {4, 9, 4}, new long[] {0, 3}, new double[] {1, 1, 2, 0, 3, -1}, 2, 0);
        EmbeddingGradients b = EmbeddingGradients.of(0, new int[] {9, 5, 4}, new long[] {0, 3}, new double[] {1, 2, 7, 7, 0.5, 2}, 2, 0);
        // g4(a) = (4, 0), g9(a) = (2, 0); g4(b) = (0.5, 2), g9(b) = (1, 2)
        assertEquals(4 * 0.5 + 2 * 1, a.dot(0, b, 0), 0);
        assertEquals(a.dot(0, b, 0), b.dot(0, a, 0), 0);
        List<WordContribution> words = WordExplanations.explain(List.of(a, a), 0, List.of(b, b), 0, new double[] {1, 0.5});
        assertEquals(List.of(new WordContribution(4, 3.0), new WordContribution(9, 3.0)), words,
                "ranked by contribution, ties to the lower token id");
    }

    @Test
    void theIndexTouchesOnlyExamplesSharingATokenAndNeverDependsOnTheVocabularySize() {
        Random r = new Random(3);
        int n = 40;
        int[][] toks = new int[n][];
        int total = 0;
        for (int i = 0; i < n; i++) {
            toks[i] = new int[1 + r.nextInt(4)];
            for (int t = 0; t < toks[i].length; t++) {
                toks[i][t] = 1_000_000_000 + 7919 * r.nextInt(30);   // a vocabulary of 2^31: no dense V x D anywhere
            }
            total += toks[i].length;
        }
        long[] off = new long[n + 1];
        int[] flat = new int[total];
        for (int i = 0, p = 0; i < n; i++) {
            System.arraycopy(toks[i], 0, flat, p, toks[i].length);
            p += toks[i].length;
            off[i + 1] = p;
        }
        double[] rows = r.doubles(total * 3L).toArray();
        EmbeddingGradients train = EmbeddingGradients.of(0, flat, off, rows, 3, 0);
        EmbeddingGradients query = EmbeddingGradients.of(0, new int[] {toks[5][0], 42}, new long[] {0, 2},
                new double[] {1, -2, 0.5, 9, 9, 9}, 3, 0);
        TokenIndex index = TokenIndex.of(train);
        double[] acc = new double[n];
        BitSet touched = new BitSet();
        long visited = index.accumulate(query, 0, 2.0, acc, touched);
        BitSet sharing = new BitSet();
        for (int j = 0; j < n; j++) {
            for (int t : toks[j]) {
                if (t == toks[5][0]) {
                    sharing.set(j);
                }
            }
        }
        assertEquals(sharing, touched);
        assertEquals(sharing.cardinality(), visited, "one posting per example holding the token");
        assertArrayEquals(sharing.stream().toArray(), index.examplesWith(toks[5][0]));
        for (int j = 0; j < n; j++) {
            assertClose(2.0 * query.dot(0, train, j), acc[j], 1e-15, 0, "example " + j);
        }
    }
}
