// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.Scorers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TracIn against explicit naive loops: every per-example gradient materialised in full (outer
 * products, a dense V x D embedding gradient) and multiplied entry by entry; plus chunk-size
 * invariance and the top-k lists against a sort of the naive matrix.
 */
class TracInNaiveLoopTest {
    private static final Synthetic TRAIN = new Synthetic(23, 11);
    private static final Synthetic TEST = new Synthetic(6, 12);

    private static OptionValues all(int topK, boolean bias) {
        return OptionValues.builder().set(ScorerOptions.LAYERS, List.of("h1", "out", "conv", "EMBEDDING_GRADS")).set(ScorerOptions.TOP_K, topK).set(ScorerOptions.BIAS, bias).build();
    }

    private static double[] naiveSelf(Synthetic s, int topK, boolean bias) {
        double[] out = new double[s.n];
        for (int c = 0; c < Synthetic.LRS.length; c++) {
            for (int i = 0; i < s.n; i++) {
                double[] g = s.fullGradient(c, i, true, bias, true, true, topK);
                out[i] += Synthetic.LRS[c] * Synthetic.dot(g, g);
            }
        }
        return out;
    }

    private static double[] naiveMatrix(int topK, boolean bias) {
        double[] out = new double[TEST.n * TRAIN.n];
        for (int c = 0; c < Synthetic.LRS.length; c++) {
            for (int m = 0; m < TEST.n; m++) {
                double[] gt = TEST.fullGradient(c, m, true, bias, true, true, topK);
                for (int j = 0; j < TRAIN.n; j++) {
                    out[m * TRAIN.n + j] += Synthetic.LRS[c] * Synthetic.dot(gt, TRAIN.fullGradient(c, j, true, bias, true, true, topK));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "embedding top-k {0}")
    @ValueSource(ints = {0, 2})
    void selfInfluenceMatchesNaiveLoop(int topK) {
        double[] got = Scorers.tracInSelf(TRAIN.store("train", 4), all(topK, true)).score().values();
        assertClose(naiveSelf(TRAIN, topK, true), got, 1e-12, 1e-12, "self-influence, top-k " + topK);
        double[] noBias = Scorers.tracInSelf(TRAIN.store("train", 4), all(topK, false)).score().values();
        assertClose(naiveSelf(TRAIN, topK, false), noBias, 1e-12, 1e-12, "self-influence without bias, top-k " + topK);
    }

    @ParameterizedTest(name = "embedding top-k {0}")
    @ValueSource(ints = {0, 2})
    void influenceMatrixMatchesNaiveLoop(int topK) {
        InfluenceMatrix m = Scorers.tracIn(TRAIN.store("train", 4), TEST.store("test", 4), all(topK, true)).matrix();
        assertClose(naiveMatrix(topK, true), m.values(), 1e-12, 1e-12, "influence matrix, top-k " + topK);
    }

    @Test
    void resultsDoNotDependOnTheChunkSize() {
        TrainingArtifactStore train = TRAIN.store("train", 4);
        TrainingArtifactStore test = TEST.store("test", 4);
        double[] self = Scorers.tracInSelf(train, all(0, true)).score().values();
        TrainToTestScorer cross = Scorers.tracIn(train, test, all(0, true));
        double[] matrix = cross.matrix().values();
        TopInfluences top = cross.topK(3);
        for (int size : new int[] {1, 7, 4, TRAIN.n, TRAIN.n + 1}) {
            ScoreRequest r = ScoreRequest.builder().chunkSize(size).build();
            assertArrayEquals(self, Scorers.tracInSelf(train, all(0, true)).score(r).values(), "self, chunk " + size);
            assertArrayEquals(matrix, cross.matrix(r).values(), "matrix, chunk " + size);
            TopInfluences t = cross.topK(3, r);
            for (int m = 0; m < TEST.n; m++) {
                assertEquals(top.proponents(m), t.proponents(m), "proponents, chunk " + size);
                assertEquals(top.opponents(m), t.opponents(m), "opponents, chunk " + size);
            }
        }
        // the store's own chunking must not matter either
        TrainingArtifactStore train1 = TRAIN.store("train", 1);
        TrainingArtifactStore test5 = TEST.store("test", 5);
        assertArrayEquals(self, Scorers.tracInSelf(train1, all(0, true)).score().values(), "store chunk 1");
        assertArrayEquals(matrix, Scorers.tracIn(train1, test5, all(0, true)).matrix().values(), "store chunks 1 x 5");
    }

    @Test
    void topKMatchesASortOfTheNaiveMatrix() {
        double[] naive = naiveMatrix(0, true);
        TopInfluences top = Scorers.tracIn(TRAIN.store("train", 4), TEST.store("test", 4), all(0, true)).topK(5);
        assertEquals(5, top.k());
        for (int m = 0; m < TEST.n; m++) {
            List<int[]> pos = new ArrayList<>();
            List<int[]> neg = new ArrayList<>();
            for (int j = 0; j < TRAIN.n; j++) {
                (naive[m * TRAIN.n + j] > 0 ? pos : neg).add(new int[] {j});
            }
            final int row = m;
            Comparator<int[]> byValue = Comparator.comparingDouble(x -> naive[row * TRAIN.n + x[0]]);
            pos.sort(byValue.reversed());
            neg.sort(byValue);
            List<TopInfluences.Influence> p = top.proponents(m);
            List<TopInfluences.Influence> o = top.opponents(m);
            assertEquals(Math.min(5, pos.size()), p.size());
            assertEquals(Math.min(5, neg.size()), o.size());
            for (int k = 0; k < p.size(); k++) {
                assertEquals(pos.get(k)[0], p.get(k).trainId(), "proponent " + k + " of test " + m);
                assertClose(naive[m * TRAIN.n + pos.get(k)[0]], p.get(k).value(), 1e-12, 1e-12, "proponent value");
            }
            for (int k = 0; k < o.size(); k++) {
                assertEquals(neg.get(k)[0], o.get(k).trainId(), "opponent " + k + " of test " + m);
            }
        }
    }

    @Test
    void aSubsetOfTestExamplesGivesTheSameRows() {
        TrainToTestScorer cross = Scorers.tracIn(TRAIN.store("train", 4), TEST.store("test", 4), all(0, true));
        InfluenceMatrix full = cross.matrix();
        InfluenceMatrix sub = cross.matrix(ScoreRequest.builder().examples(5, 1, 4).chunkSize(3).build());
        assertArrayEquals(new int[] {1, 4, 5}, sub.testIds());
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(full.row(sub.testIds()[r]), sub.row(r));
        }
        assertEquals(cross.topK(2).proponentsOf(4), cross.topK(2, ScoreRequest.builder().examples(4).build()).proponentsOf(4));
    }
}
