// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Java capture of the oracle's model against central finite differences of its forward pass. */
class OracleCaptureTest {
    private static final double H = 1e-5;

    /** Loss (objective 0) or true-class logit (objective 1) of example i with its looked-up rows e. */
    private static double forward(OracleData d, OracleData.Weights w, int i, double[][] e, int objective) {
        int t = e.length;
        double[] p = new double[d.dim()];
        for (double[] row : e) {
            for (int j = 0; j < d.dim(); j++) {
                p[j] += row[j] / t;
            }
        }
        double[] z = new double[d.classes()];
        double max = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < z.length; q++) {
            z[q] = w.fcB()[q];
            for (int j = 0; j < d.dim(); j++) {
                z[q] += w.fcW()[q * d.dim() + j] * p[j];
            }
            max = Math.max(max, z[q]);
        }
        int y = (int) d.labels()[i];
        if (objective == 1) {
            return z[y];
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return Math.log(s) + max - z[y];
    }

    private static double[][] rows(OracleData d, OracleData.Weights w, int i) {
        double[][] e = new double[d.length(i)][d.dim()];
        for (int t = 0; t < e.length; t++) {
            int tok = (int) d.tokens()[i * d.maxLen() + t];
            for (int j = 0; j < d.dim(); j++) {
                e[t][j] = w.emb()[tok * d.dim() + j];
            }
        }
        return e;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        OracleData d = OracleData.generate(6, 8, 20, 4, 3, 2, 99);
        try (ArtifactWriter w = MemoryStores.create(OracleCapture.spec(d))) {
            OracleCapture.capture(d, w, EnumSet.allOf(OracleCapture.Group.class));
            ExampleRange all = ExampleRange.of(0, d.n());
            for (int c = 0; c < 2; c++) {
                String id = String.format("c%02d", c);
                OracleData.Weights wt = d.checkpoints().get(c);
                assertEquals(wt.lr(), w.store().checkpoints().get(c).learningRate());
                try (ArtifactChunk emb = w.store().read(id, ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), all);
                        ArtifactChunk in = w.store().read(id, ArtifactKey.of(ArtifactKind.INPUT_GRADS), all)) {
                    for (int i = 0; i < d.n(); i++) {
                        double[][] e = rows(d, wt, i);
                        INDArray ge = emb.example(i);
                        INDArray gi = in.example(i);
                        for (int t = 0; t < e.length; t++) {
                            for (int j = 0; j < d.dim(); j++) {
                                double keep = e[t][j];
                                e[t][j] = keep + H;
                                double lp = forward(d, wt, i, e, 0);
                                double zp = forward(d, wt, i, e, 1);
                                e[t][j] = keep - H;
                                double lm = forward(d, wt, i, e, 0);
                                double zm = forward(d, wt, i, e, 1);
                                e[t][j] = keep;
                                String where = "example " + i + " position " + t + " dim " + j + " checkpoint " + c;
                                assertEquals((lp - lm) / (2 * H), ge.getDouble(t, j), 1e-5, "EMBEDDING_GRADS " + where);
                                assertEquals((zp - zm) / (2 * H), gi.getDouble(t, j), 1e-5, "INPUT_GRADS " + where);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void writesTheOracleLayoutAndReadsItBack(@TempDir Path dir) {
        OracleData d = OracleData.generate(9, 8, 30, 4, 3, 3, 5);
        d.write(dir);
        OracleData back = OracleData.read(dir);
        assertEquals(9, back.n());
        assertEquals(8, back.maxLen());
        assertEquals(30, back.vocabulary());
        assertEquals(4, back.dim());
        assertEquals(3, back.classes());
        assertEquals(java.util.Arrays.toString(d.tokens()), java.util.Arrays.toString(back.tokens()));
        assertEquals(0.5, back.checkpoints().get(1).lr());
        assertEquals(java.util.Arrays.toString(d.checkpoints().get(2).emb()),
                java.util.Arrays.toString(back.checkpoints().get(2).emb()));
        for (int i = 0; i < d.n(); i++) {
            assertEquals(true, d.length(i) >= 6 && d.length(i) <= 8, "T_" + i);
        }
    }
}
