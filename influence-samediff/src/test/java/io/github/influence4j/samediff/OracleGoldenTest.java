// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.core.testing.Asserts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * End-to-end check of capture: a tiny model of the oracle's family is trained with
 * {@code SameDiff.fit} and a {@link SameDiffCaptureListener} (3 checkpoints, learning rates 0.8, 0.5, 0.2);
 * scores computed from the captured store by naive float64 loops must equal the PyTorch oracle's
 * scores on the exported weights ({@code golden/oracle-family}, see its README).
 */
class OracleGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/oracle-family");
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-7;
    private static TrainingArtifactStore store;
    private static int n;
    private static int k;

    @TempDir
    static Path export;

    @BeforeAll
    static void trainAndCapture() throws IOException {
        INDArray tokens = npy(GOLDEN.resolve("train_tokens.npy"));
        INDArray labels = npy(GOLDEN.resolve("train_labels.npy"));
        n = (int) tokens.size(0);
        int[][] tok = tokens.castTo(DataType.INT).toIntMatrix();
        int[] y = labels.castTo(DataType.INT).toIntVector();
        Map<String, INDArray> init = new TreeMap<>();
        for (String w : List.of("emb", "hid_w", "hid_b", "fc_w", "fc_b")) {
            init.put(w, npy(GOLDEN.resolve("init").resolve(w + ".npy")));
        }
        OracleFamilyModel model = new OracleFamilyModel(tok, y, init);
        k = model.numClasses;
        ArtifactWriter w = MemoryStores.create(new StoreSpec("oracle-family", n, k, 8));
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels.castTo(DataType.INT));
        List<Integer> real = new java.util.ArrayList<>();
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t : tok[i]) {
                if (t != 0) {
                    real.add(t);
                    lengths[i]++;
                }
            }
        }
        w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0,
                org.nd4j.linalg.factory.Nd4j.createFromArray(real.stream().mapToInt(Integer::intValue).toArray()), lengths);
        model.trainAndCapture(w, export);
        store = w.store();
    }

    static INDArray npy(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return Npy.read(in, p.toString());
        }
    }

    static double[] oracle(String score) throws IOException {
        return npy(GOLDEN.resolve("oracle").resolve(score + ".npy")).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void trainingReproducesTheExportedWeights() throws IOException {
        List<Checkpoint> cps = store.checkpoints();
        assertEquals(List.of("step-00000002", "step-00000004", "step-00000006"), cps.stream().map(Checkpoint::id).toList());
        assertEquals(List.of(0.8, 0.5, 0.2), cps.stream().map(Checkpoint::learningRate).toList());
        assertEquals(List.of(2L, 4L, 6L), cps.stream().map(Checkpoint::step).toList());
        assertEquals(List.of(0, 1, 1), cps.stream().map(Checkpoint::epoch).toList());
        for (Checkpoint c : cps) {
            for (String w : List.of("emb", "hid_w", "hid_b", "fc_w", "fc_b", "lr")) {
                double[] expected = npy(GOLDEN.resolve("checkpoints").resolve(c.id()).resolve(w + ".npy"))
                        .castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
                double[] actual = npy(export.resolve("checkpoints").resolve(c.id()).resolve(w + ".npy"))
                        .castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
                Asserts.assertClose(expected, actual, 1e-5, 1e-7, c.id() + "/" + w);
            }
        }
    }

    private static double[][] dense(String cp, ArtifactKey key) {
        try (ArtifactChunk ch = store.read(cp, key, ExampleRange.of(0, n))) {
            return ch.values().castTo(DataType.DOUBLE).reshape(n, -1).toDoubleMatrix();
        }
    }

    /** Per example, the [T_i, D] rows of a ragged artifact. */
    private static double[][][] ragged(String cp, ArtifactKey key) {
        try (ArtifactChunk ch = cp.isEmpty() ? store.readStatic(key, ExampleRange.of(0, n))
                : store.read(cp, key, ExampleRange.of(0, n))) {
            double[][][] out = new double[n][][];
            for (int i = 0; i < n; i++) {
                if (ch.length(i) == 0) {
                    out[i] = new double[0][];
                    continue;
                }
                INDArray e = ch.example(i).castTo(DataType.DOUBLE);
                out[i] = e.rank() == 1 ? new double[][] {e.toDoubleVector()} : e.toDoubleMatrix();
            }
            return out;
        }
    }

    private static int[] labels() {
        try (ArtifactChunk ch = store.readStatic(ArtifactKey.of(ArtifactKind.LABELS), ExampleRange.of(0, n))) {
            return ch.values().castTo(DataType.INT).toIntVector();
        }
    }

    private static double sq(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    @Test
    void confidenceFamilyFromLogits() throws IOException {
        int[] y = labels();
        List<Checkpoint> cps = store.checkpoints();
        double[] el2n = new double[n];
        double[] conf = new double[n];
        double[] confSq = new double[n];
        double[] aum = new double[n];
        for (Checkpoint c : cps) {
            double[][] z = dense(c.id(), ArtifactKey.of(ArtifactKind.LOGITS));
            double[][] loss = dense(c.id(), ArtifactKey.of(ArtifactKind.LOSS));
            for (int i = 0; i < n; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : z[i]) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (double v : z[i]) {
                    s += Math.exp(v - m);
                }
                double e = 0;
                double other = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double p = Math.exp(z[i][j] - m) / s;
                    e += Math.pow(p - (j == y[i] ? 1 : 0), 2);
                    if (j != y[i]) {
                        other = Math.max(other, z[i][j]);
                    }
                }
                double py = Math.exp(z[i][y[i]] - m) / s;
                el2n[i] += Math.sqrt(e) / cps.size();
                conf[i] += py / cps.size();
                confSq[i] += py * py / cps.size();
                aum[i] += (z[i][y[i]] - other) / cps.size();
                assertEquals(m + Math.log(s) - z[i][y[i]], loss[i][0], 1e-5, "LOSS of example " + i + " at " + c.id());
            }
        }
        double[] variability = new double[n];
        for (int i = 0; i < n; i++) {
            variability[i] = Math.sqrt(Math.max(0, confSq[i] - conf[i] * conf[i]));
        }
        Asserts.assertClose(oracle("el2n"), el2n, RTOL, ATOL, "el2n");
        Asserts.assertClose(oracle("confidence"), conf, RTOL, ATOL, "confidence");
        Asserts.assertClose(oracle("variability"), variability, 1e-4, 1e-6, "variability");
        Asserts.assertClose(oracle("aum"), aum, RTOL, ATOL, "aum");
    }

    @Test
    void tracInFromFactoredLayersAndEmbeddingGradients() throws IOException {
        double[] fc = new double[n];
        double[] fast = new double[n];
        double[] hid = new double[n];
        double[] we = new double[n];
        double[] grand = new double[n];
        double[][][] tokens = ragged("", ArtifactKey.of(ArtifactKind.TOKEN_IDS));
        List<Checkpoint> cps = store.checkpoints();
        for (Checkpoint c : cps) {
            double lr = c.learningRate();
            double[][] dFc = dense(c.id(), ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc"));
            double[][] aFc = dense(c.id(), ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc"));
            double[][] dHid = dense(c.id(), ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "hid"));
            double[][] aHid = dense(c.id(), ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "hid"));
            double[][][] g = ragged(c.id(), ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS));
            for (int i = 0; i < n; i++) {
                double f = sq(dFc[i]) * (sq(aFc[i]) + 1);
                double h = sq(dHid[i]) * (sq(aHid[i]) + 1);
                // TracIn-WE (Yeh et al. 2022): g_w = sum of rows at positions holding w
                Map<Integer, double[]> gw = new HashMap<>();
                final int dim = g[i].length == 0 ? 0 : g[i][0].length;
                for (int t = 0; t < g[i].length; t++) {
                    int w = (int) tokens[i][0][t];
                    double[] acc = gw.computeIfAbsent(w, x -> new double[dim]);
                    for (int q = 0; q < acc.length; q++) {
                        acc[q] += g[i][t][q];
                    }
                }
                double e = gw.values().stream().mapToDouble(OracleGoldenTest::sq).sum();
                fc[i] += lr * f;
                fast[i] += lr * sq(dFc[i]) * sq(aFc[i]);
                hid[i] += lr * h;
                we[i] += lr * e;
                grand[i] += Math.sqrt(f + h + e) / cps.size();
            }
        }
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = fc[i] + hid[i] + we[i];
        }
        Asserts.assertClose(oracle("tracin_fc_self"), fc, RTOL, ATOL, "tracin_fc_self");
        Asserts.assertClose(oracle("tracin_fast_self"), fast, RTOL, ATOL, "tracin_fast_self");
        Asserts.assertClose(oracle("tracin_we_self"), we, RTOL, ATOL, "tracin_we_self");
        Asserts.assertClose(oracle("tracin_self"), all, RTOL, ATOL, "tracin_self");
        Asserts.assertClose(oracle("grand_full"), grand, RTOL, ATOL, "grand_full");
    }

    @Test
    void vogFromInputGradients() throws IOException {
        List<Checkpoint> cps = store.checkpoints();
        double[][][][] g = new double[cps.size()][][][];
        for (int c = 0; c < cps.size(); c++) {
            g[c] = ragged(cps.get(c).id(), ArtifactKey.of(ArtifactKind.INPUT_GRADS));
        }
        double[] var = new double[n];
        double[] std = new double[n];
        int cc = cps.size();
        for (int i = 0; i < n; i++) {
            int t = g[0][i].length;
            int d = g[0][i][0].length;
            for (int p = 0; p < t; p++) {
                for (int q = 0; q < d; q++) {
                    double mu = 0;
                    for (int c = 0; c < cc; c++) {
                        mu += g[c][i][p][q] / cc;
                    }
                    double v = 0;
                    for (int c = 0; c < cc; c++) {
                        v += Math.pow(g[c][i][p][q] - mu, 2) / cc;
                    }
                    var[i] += v / (t * d);
                    std[i] += Math.sqrt(v) / (t * d);
                }
            }
        }
        Asserts.assertClose(oracle("vog_var"), var, 1e-4, 1e-9, "vog_var");
        Asserts.assertClose(oracle("vog"), std, 1e-4, 1e-7, "vog");
    }
}
