// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The demo's captured artifacts agree with finite differences of the model's forward pass. */
class SyntheticTrainingTest {
    private static final double EPS = 1e-6;

    @Test
    void dataIsDeterministicAndPlantsFlippedLabels() {
        SyntheticData a = SyntheticData.generate(200, 3, 8, 10, 50, 4);
        SyntheticData b = SyntheticData.generate(200, 3, 8, 10, 50, 4);
        assertEquals(java.util.Arrays.toString(a.labels()), java.util.Arrays.toString(b.labels()));
        assertEquals(10, a.planted().length);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.isPlanted(i), a.labels()[i] != a.gold()[i], "example " + i);
        }
    }

    @Test
    void capturedArtifactsMatchFiniteDifferences() {
        SyntheticData data = SyntheticData.generate(60, 3, 5, 3, 30, 11);
        ArtifactWriter w = MemoryStores.create(new StoreSpec("t", data.size(), 3, 16));
        SyntheticTraining.writeStatic(data, w);
        SyntheticTraining.Config cfg = new SyntheticTraining.Config(3, 8, 0.5, 2);
        SoftmaxModel[] last = new SoftmaxModel[1];
        SyntheticTraining.train(data, IntStream.range(0, data.size()).toArray(), cfg, (e, m) -> {
            SyntheticTraining.capture(data, m, w, new Checkpoint("e" + e, e, e, cfg.learningRate(e), 2), done -> { });
            last[0] = m;
        });
        TrainingArtifactStore s = w.store();
        assertEquals(3, s.checkpoints().size());
        assertEquals(0.5 / 1.4, s.checkpoints().get(2).learningRate(), 1e-15);
        SoftmaxModel m = last[0];
        ExampleRange all = ExampleRange.of(0, data.size());
        try (ArtifactChunk loss = s.read("e2", ArtifactKey.of(ArtifactKind.LOSS), all);
                ArtifactChunk logits = s.read("e2", ArtifactKey.of(ArtifactKind.LOGITS), all);
                ArtifactChunk in = s.read("e2", ArtifactKey.of(ArtifactKind.LAYER_INPUTS, SyntheticTraining.HEAD), all);
                ArtifactChunk delta = s.read("e2", ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, SyntheticTraining.HEAD), all);
                ArtifactChunk ig = s.read("e2", ArtifactKey.of(ArtifactKind.INPUT_GRADS), all);
                ArtifactChunk eg = s.read("e2", ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), all);
                ArtifactChunk tok = s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), all)) {
            for (int i = 0; i < data.size(); i++) {
                int y = data.labels()[i];
                int[] t = data.tokens()[i];
                assertEquals(t.length, ig.length(i));
                assertEquals(java.util.Arrays.toString(t), java.util.Arrays.toString(tok.example(i).toIntVector()));
                double[] z = forward(data, m, i, -1, -1, 0);
                assertClose(z, logits.row(i).castTo(DataType.DOUBLE).toDoubleVector(), 1e-6, 1e-6, "logits " + i);
                assertClose(new double[] {ce(z, y)}, new double[] {loss.values().getDouble(i)}, 1e-6, 1e-6, "loss " + i);
                // dL/dz by central differences on the logits themselves
                double[] p = SoftmaxModel.softmax(z);
                double[] dz = new double[3];
                for (int c = 0; c < 3; c++) {
                    double[] zp = z.clone();
                    double[] zm = z.clone();
                    zp[c] += EPS;
                    zm[c] -= EPS;
                    dz[c] = (ce(zp, y) - ce(zm, y)) / (2 * EPS);
                }
                assertClose(dz, delta.row(i).castTo(DataType.DOUBLE).toDoubleVector(), 1e-5, 1e-6, "delta " + i);
                assertClose(SoftmaxModel.features(t, data.embeddings()), in.row(i).castTo(DataType.DOUBLE)
                        .toDoubleVector(), 1e-6, 1e-6, "layer input " + i);
                assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
                // per-position gradients: perturb one position's embedding output only
                for (int pos = 0; pos < t.length; pos++) {
                    double[] dIn = new double[data.dim()];
                    double[] dEmb = new double[data.dim()];
                    for (int j = 0; j < data.dim(); j++) {
                        double[] zp = forward(data, m, i, pos, j, EPS);
                        double[] zm = forward(data, m, i, pos, j, -EPS);
                        dIn[j] = (zp[y] - zm[y]) / (2 * EPS);
                        dEmb[j] = (ce(zp, y) - ce(zm, y)) / (2 * EPS);
                    }
                    assertClose(dIn, ig.example(i).getRow(pos).castTo(DataType.DOUBLE).toDoubleVector(), 1e-4, 1e-7,
                            "INPUT_GRADS example " + i + " position " + pos);
                    assertClose(dEmb, eg.example(i).getRow(pos).castTo(DataType.DOUBLE).toDoubleVector(), 1e-4, 1e-7,
                            "EMBEDDING_GRADS example " + i + " position " + pos);
                }
            }
        }
    }

    @Test
    void trainingLearnsTheTaskAndPlantedLabelsStayHard() {
        SyntheticData data = SyntheticData.generate(600, 3, 16, 20, 300, 1);
        SoftmaxModel m = SyntheticTraining.train(data, IntStream.range(0, data.size()).toArray(),
                new SyntheticTraining.Config(8, 32, 0.5, 1), SyntheticTraining.EpochCallback.NONE);
        double acc = m.accuracy(data.testTokens(), data.testLabels(), data.embeddings());
        assertTrue(acc > 0.7, "test accuracy " + acc);
        int[] planted = data.planted();
        int[] plantedLabels = IntStream.of(planted).map(i -> data.labels()[i]).toArray();
        int[][] plantedTokens = IntStream.of(planted).mapToObj(i -> data.tokens()[i]).toArray(int[][]::new);
        assertTrue(m.accuracy(plantedTokens, plantedLabels, data.embeddings()) < 0.3,
                "the model should not fit the flipped labels");
    }

    /** z for example i with position pos's embedding output shifted by h in dimension j (pos < 0: none). */
    private static double[] forward(SyntheticData data, SoftmaxModel m, int i, int pos, int j, double h) {
        int[] t = data.tokens()[i];
        double[] feat = new double[data.dim()];
        for (int q = 0; q < t.length; q++) {
            for (int d = 0; d < data.dim(); d++) {
                double e = data.embeddings()[t[q]][d] + (q == pos && d == j ? h : 0);
                feat[d] += Math.tanh(e) / t.length;
            }
        }
        return m.logits(feat);
    }

    private static double ce(double[] z, int y) {
        double mx = Math.max(z[0], Math.max(z[1], z[2]));
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - mx);
        }
        return -(z[y] - mx - Math.log(s));
    }
}
