// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A random store with every gradient kind TracIn reads, plus the raw arrays for naive loops:
 * factored layers "h1" (4 -> 5) and "out" (5 -> K = 3), PARAM_GRADS "conv" (7), and token ids from
 * a small vocabulary (many repeats, some empty examples) with token-dependent embedding gradients
 * (D = 3). Float64.
 */
final class Synthetic {
    static final int K = 3;
    static final int V = 9;
    static final int D = 3;
    static final double[] LRS = {0.8, 0.5, 0.2};
    static final String[] LAYERS = {"h1", "out"};
    static final int[][] IO = {{4, 5}, {5, 3}};
    static final int CONV = 7;

    final int n;
    final int[][] tokens;
    /** [checkpoint][example][layer] */
    final double[][][][] a;
    final double[][][][] d;
    /** [checkpoint][example] */
    final double[][][] conv;
    /** [checkpoint][example][position][D] */
    final double[][][][] emb;

    Synthetic(int n, long seed) {
        this.n = n;
        Random r = new Random(seed);
        tokens = new int[n][];
        for (int i = 0; i < n; i++) {
            int len = i % 5 == 3 ? 0 : 1 + r.nextInt(6);
            tokens[i] = new int[len];
            for (int t = 0; t < len; t++) {
                tokens[i][t] = 1 + r.nextInt(V - 1);
            }
        }
        int c = LRS.length;
        a = new double[c][n][2][];
        d = new double[c][n][2][];
        conv = new double[c][n][];
        emb = new double[c][n][][];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < 2; l++) {
                    a[k][i][l] = gauss(r, IO[l][0]);
                    d[k][i][l] = gauss(r, IO[l][1]);
                }
                conv[k][i] = gauss(r, CONV);
                emb[k][i] = new double[tokens[i].length][];
                for (int t = 0; t < tokens[i].length; t++) {
                    emb[k][i][t] = gauss(r, D);
                }
            }
        }
    }

    private static double[] gauss(Random r, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    TrainingArtifactStore store(String id, int chunk) {
        return write(MemoryStores.create(new StoreSpec(id, n, K, chunk)));
    }

    TrainingArtifactStore write(ArtifactWriter w) {
        int[] lengths = Arrays.stream(tokens).mapToInt(t -> t.length).toArray();
        int[] flat = Arrays.stream(tokens).flatMapToInt(Arrays::stream).toArray();
        w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, Nd4j.createFromArray(flat), lengths);
        for (int c = 0; c < LRS.length; c++) {
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint("ep" + c, 10L * (c + 1), c, LRS[c], 7))) {
                for (int l = 0; l < 2; l++) {
                    final int layer = l;
                    final int ck = c;
                    cw.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, LAYERS[l]), 0,
                            Nd4j.createFromArray(rows(i -> a[ck][i][layer])));
                    cw.write(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, LAYERS[l]), 0,
                            Nd4j.createFromArray(rows(i -> d[ck][i][layer])));
                }
                cw.write(ArtifactKey.of(ArtifactKind.PARAM_GRADS, "conv"), 0, Nd4j.createFromArray(conv[c]));
                double[][] e = Arrays.stream(emb[c]).flatMap(Arrays::stream).toArray(double[][]::new);
                cw.writeRagged(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), 0,
                        e.length == 0 ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, D) : Nd4j.createFromArray(e),
                        lengths);
                cw.commit();
            }
        }
        return w.store();
    }

    private double[][] rows(java.util.function.IntFunction<double[]> f) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = f.apply(i);
        }
        return out;
    }

    /**
     * The explicit flattened per-example gradient at checkpoint c: vec(d a^T) row-major and d for
     * each selected factored layer, conv, and the dense V x D embedding gradient (scatter-add of the
     * kept positions' rows).
     */
    double[] fullGradient(int c, int i, boolean layers, boolean bias, boolean withConv, boolean embedding, int topK) {
        double[] g = new double[0];
        if (layers) {
            for (int l = 0; l < 2; l++) {
                double[] w = new double[IO[l][1] * IO[l][0] + (bias ? IO[l][1] : 0)];
                for (int o = 0; o < IO[l][1]; o++) {
                    for (int in = 0; in < IO[l][0]; in++) {
                        w[o * IO[l][0] + in] = d[c][i][l][o] * a[c][i][l][in];
                    }
                    if (bias) {
                        w[IO[l][1] * IO[l][0] + o] = d[c][i][l][o];
                    }
                }
                g = concat(g, w);
            }
        }
        if (withConv) {
            g = concat(g, conv[c][i]);
        }
        if (embedding) {
            double[] e = new double[V * D];
            for (int t : keptPositions(emb[c][i], topK)) {
                for (int k = 0; k < D; k++) {
                    e[tokens[i][t] * D + k] += emb[c][i][t][k];
                }
            }
            g = concat(g, e);
        }
        return g;
    }

    /** Naive top-k: repeatedly take the largest-norm remaining position, the first one on ties. */
    static int[] keptPositions(double[][] rows, int topK) {
        int len = rows.length;
        if (topK == 0 || topK >= len) {
            return java.util.stream.IntStream.range(0, len).toArray();
        }
        boolean[] taken = new boolean[len];
        int[] out = new int[topK];
        for (int j = 0; j < topK; j++) {
            int best = -1;
            double bestNorm = -1;
            for (int p = 0; p < len; p++) {
                double nn = 0;
                for (double v : rows[p]) {
                    nn += v * v;
                }
                if (!taken[p] && Math.sqrt(nn) > bestNorm) {
                    best = p;
                    bestNorm = Math.sqrt(nn);
                }
            }
            taken[best] = true;
            out[j] = best;
        }
        return out;
    }

    private static double[] concat(double[] x, double[] y) {
        double[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
