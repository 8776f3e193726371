// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.testing.Asserts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parity of the SameDiff SNLI encoder against an independent float64 implementation
 * ({@link NaiveSnliModel}): logits, the gradient of every parameter and of the lookup output by
 * central finite differences, and the manual embedding update (scatter-add + Adam).
 */
class SnliEncoderGradientTest {
    private static final int V = 12;
    private static final int D = 4;
    private SnliEncoder enc;
    private EncodedPairs data;
    private final int[] batch = {0, 1, 2, 3, 4};

    @BeforeEach
    void setUp() {
        Random r = new Random(11);
        float[] emb = new float[V * D];
        for (int i = D; i < emb.length; i++) {
            emb[i] = (float) r.nextGaussian();
        }
        enc = SnliEncoder.create(emb, V, new EncoderConfig(5, 3, 4, 0.1, 64), 3);
        // different lengths (1..6) so that padding, window edges and the max pool are all exercised
        int[][] p = {{2, 3, 4, 5, 6, 7}, {8}, {9, 10, 11}, {2, 2, 3}, {1, 5, 6, 7}};
        int[][] h = {{3, 4}, {5, 6, 7, 8, 9}, {10}, {11, 2, 3, 4, 5, 6}, {7, 1}};
        data = EncodedPairs.of(p, h, new int[] {0, 1, 2, 1, 0});
    }

    private Map<String, INDArray> trainingFeed() {
        Map<String, INDArray> ph = enc.placeholders(data, batch, null);
        ph.putAll(enc.capture().trainingPlaceholders(batch.length, 1.0 / batch.length));
        return ph;
    }

    @Test
    void logitsMatchTheNaiveModel() {
        NaiveSnliModel m = new NaiveSnliModel(enc);
        float[][] z = enc.logits(data, 3);
        for (int i = 0; i < data.size(); i++) {
            double[] expected = m.logits(m.embed(data.premise(i)), m.embed(data.hypothesis(i)));
            Asserts.assertClose(expected, toDouble(z[i]), 1e-5, 1e-6, "logits of example " + i);
        }
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        List<String> names = new ArrayList<>(enc.parameters());
        Map<String, INDArray> g = enc.graph().calculateGradients(trainingFeed(), names);
        NaiveSnliModel m = new NaiveSnliModel(enc);
        double eps = 1e-6;
        for (String name : names) {
            double[] analytic = g.get(name).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            double[] numeric = new double[analytic.length];
            for (int idx = 0; idx < analytic.length; idx++) {
                double[] target;
                int j;
                if (name.endsWith("_b")) {
                    target = bias(m, name);
                    j = idx;
                } else {
                    double[][] w = weight(m, name);
                    target = w[idx / w[0].length];
                    j = idx % w[0].length;
                }
                double keep = target[j];
                target[j] = keep + eps;
                double up = m.meanLoss(data, batch);
                target[j] = keep - eps;
                double down = m.meanLoss(data, batch);
                target[j] = keep;
                numeric[idx] = (up - down) / (2 * eps);
            }
            Asserts.assertClose(numeric, analytic, 2e-3, 2e-5, "d(mean loss)/d " + name);
        }
    }

    private static double[] bias(NaiveSnliModel m, String name) {
        return switch (name) {
            case "conv_b" -> m.convB;
            case "fc1_b" -> m.b1;
            case "fc2_b" -> m.b2;
            case "fc3_b" -> m.b3;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static double[][] weight(NaiveSnliModel m, String name) {
        return switch (name) {
            case "conv_w" -> m.convW;
            case "fc1_w" -> m.w1;
            case "fc2_w" -> m.w2;
            case "fc3_w" -> m.w3;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void lookupGradientAtRealPositionsMatchesFiniteDifferences() {
        INDArray g = enc.graph().calculateGradients(trainingFeed(), SnliEncoder.LOOKUP).get(SnliEncoder.LOOKUP);
        INDArray flat = g.reshape(-1, D).castTo(DataType.DOUBLE);
        int[][] pos = enc.positions(data, batch);
        NaiveSnliModel m = new NaiveSnliModel(enc);
        double eps = 1e-6;
        for (int i : batch) {
            double[][] ep = m.embed(data.premise(i));
            double[][] eh = m.embed(data.hypothesis(i));
            int lp = ep.length;
            for (int t = 0; t < pos[i].length; t++) {
                double[] vec = t < lp ? ep[t] : eh[t - lp];
                double[] numeric = new double[D];
                for (int q = 0; q < D; q++) {
                    double keep = vec[q];
                    vec[q] = keep + eps;
                    double up = NaiveSnliModel.loss(m.logits(ep, eh), data.label(i));
                    vec[q] = keep - eps;
                    double down = NaiveSnliModel.loss(m.logits(ep, eh), data.label(i));
                    vec[q] = keep;
                    numeric[q] = (up - down) / (2 * eps) / batch.length;
                }
                Asserts.assertClose(numeric, flat.getRow(pos[i][t]).toDoubleVector(), 2e-3, 2e-6,
                        "dL/d(lookup) example " + i + " position " + t);
            }
        }
    }

    @Test
    void embeddingUpdateIsScatterAddedAdam() {
        Map<String, INDArray> ph = trainingFeed();
        INDArray g = enc.graph().calculateGradients(ph, SnliEncoder.LOOKUP).get(SnliEncoder.LOOKUP);
        NaiveSnliModel m = new NaiveSnliModel(enc);
        double[][] before = NaiveSnliModel.m(enc.embedding());
        // dL/dE by finite differences on the embedding rows of the naive model
        double eps = 1e-6;
        double[][] numeric = new double[V][D];
        for (int w = 1; w < V; w++) {
            for (int q = 0; q < D; q++) {
                double keep = m.emb[w][q];
                m.emb[w][q] = keep + eps;
                double up = m.meanLoss(data, batch);
                m.emb[w][q] = keep - eps;
                double down = m.meanLoss(data, batch);
                m.emb[w][q] = keep;
                numeric[w][q] = (up - down) / (2 * eps);
            }
        }
        float[] scattered = new float[V * D];
        EmbeddingAdam.scatterAdd(g, ph.get(SnliEncoder.IDS), scattered, D);
        for (int w = 0; w < V; w++) {
            double[] row = new double[D];
            for (int q = 0; q < D; q++) {
                row[q] = scattered[w * D + q];
            }
            Asserts.assertClose(w == 0 ? new double[D] : numeric[w], row, 2e-3, 2e-6, "dL/dE row " + w);
        }
        double lr = 0.01;
        new EmbeddingAdam(enc.embedding(), lr).step(g, ph.get(SnliEncoder.IDS), 0, 0);
        double[][] after = NaiveSnliModel.m(enc.embedding());
        for (int w = 0; w < V; w++) {
            for (int q = 0; q < D; q++) {
                // Adam step 1 (Kingma and Ba 2015, Alg. 1; ND4J form): m = (1-b1) g, v = (1-b2) g^2,
                // update = lr sqrt(1-b2)/(1-b1) m / (sqrt(v) + eps)
                double gr = scattered[w * D + q];
                double mm = 0.1 * gr;
                double vv = 0.001 * gr * gr;
                double expected = before[w][q] - lr * Math.sqrt(0.001) / 0.1 * mm / (Math.sqrt(vv) + 1e-8);
                assertEquals(expected, after[w][q], 1e-6, "embedding row " + w + " col " + q + " after one step");
            }
        }
        for (int q = 0; q < D; q++) {
            assertEquals(0.0, after[0][q], 0.0, "padding row must stay zero");
        }
        // the graph must read the updated matrix (SameDiff keeps its own copy of a constant)
        NaiveSnliModel updated = new NaiveSnliModel(enc);
        float[][] z = enc.logits(data, 5);
        for (int i = 0; i < data.size(); i++) {
            Asserts.assertClose(updated.logits(updated.embed(data.premise(i)), updated.embed(data.hypothesis(i))),
                    toDouble(z[i]), 1e-5, 1e-6, "logits after the embedding step, example " + i);
        }
        assertTrue(Math.abs(after[2][0] - before[2][0]) > 1e-4, "the step must move the embedding");
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
