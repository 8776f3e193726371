// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.testing.Asserts;
import io.github.influence4j.samediff.SameDiffCapture;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SameDiff BERT classifier against {@link NaiveBert} (float64, one example at a time, unpadded) on
 * a small random BERT (2 layers, hidden 8, 2 heads) in a padded batch: the encoder output and
 * logits; the capture artifacts ({@code INPUT_GRADS} = d z_y / d e and {@code EMBEDDING_GRADS} =
 * d loss / d e per sub-word token, the head's {@code LAYER_OUTPUT_GRADS}) and the training gradients
 * of head and encoder parameters, all by central finite differences of the float64 oracle.
 */
class BertGradientTest {
    private static final BertConfig TINY = new BertConfig(30, 8, 2, 2, 16, 12, 2, 1e-12);
    private BertWeights weights;
    private BertClassifier model;
    private NaiveBert naive;
    private final List<PairEncoding> pairs = List.of(
            new PairEncoding(new int[] {1, 5, 9, 2, 11, 12, 2}, new int[] {0, 0, 0, 0, 1, 1, 1}, 0),
            new PairEncoding(new int[] {1, 7, 2, 2}, new int[] {0, 0, 0, 1}, 0),
            new PairEncoding(new int[] {1, 2, 2}, new int[] {0, 0, 1}, 0));
    private final int[] labels = {0, 2, 1};

    @BeforeEach
    void setUp() {
        weights = randomWeights(TINY, 5);
        model = BertClassifier.create(weights, 0, 9);
        naive = new NaiveBert(weights);
        String[] w = {"fc1_w", "fc2_w", "fc3_w"};
        String[] b = {"fc1_b", "fc2_b", "fc3_b"};
        for (int l = 0; l < 3; l++) {
            naive.headW[l] = model.graph().getArrForVarName(w[l]).toDoubleMatrix();
            naive.headB[l] = model.graph().getArrForVarName(b[l]).toDoubleVector();
        }
    }

    static BertWeights randomWeights(BertConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : BertWeights.expectedNames(c)) {
            long[] shape;
            if (name.equals(BertEncoder.WORD_TABLE)) {
                shape = new long[] {c.vocabularySize(), c.hidden()};
            } else if (name.contains("position_embeddings")) {
                shape = new long[] {c.maxPositions(), c.hidden()};
            } else if (name.contains("token_type_embeddings")) {
                shape = new long[] {c.typeVocabularySize(), c.hidden()};
            } else if (name.endsWith("intermediate.dense.weight")) {
                shape = new long[] {c.hidden(), c.intermediate()};
            } else if (name.endsWith("intermediate.dense.bias")) {
                shape = new long[] {c.intermediate()};
            } else if (name.endsWith("output.dense.weight") && !name.contains("attention")) {
                shape = new long[] {c.intermediate(), c.hidden()};
            } else if (name.endsWith(".weight") && !name.contains("LayerNorm")) {
                shape = new long[] {c.hidden(), c.hidden()};
            } else {
                shape = new long[] {c.hidden()};
            }
            int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
            float[] v = new float[n];
            boolean gain = name.contains("LayerNorm.weight");
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((gain ? 1 : 0) + r.nextGaussian() * (shape.length == 1 ? 0.1 : 0.5));
            }
            values.put(name, v);
            shapes.put(name, shape);
        }
        return new BertWeights(c, values, shapes);
    }

    @Test
    void encoderAndLogitsMatchTheFloat64OracleUnderPadding() {
        Map<String, INDArray> ph = BertClassifier.placeholders(pairs, TINY);
        INDArray hidden = model.lastHiddenState(ph);
        CapturedBatch cb = model.capture().compute(model.evalBatch(new int[] {0, 1, 2}, pairs, labels),
                Set.of(ArtifactKind.LOGITS));
        for (int i = 0; i < pairs.size(); i++) {
            PairEncoding p = pairs.get(i);
            double[][] e = naive.wordEmbeddings(p.ids());
            double[][] want = naive.encode(e, p.typeIds());
            for (int t = 0; t < p.length(); t++) {
                double[] got = hidden.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t), org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .toDoubleVector();
                Asserts.assertClose(want[t], got, 1e-4, 1e-5, "last_hidden_state pair " + i + " position " + t);
            }
            Asserts.assertClose(naive.logits(e, p.typeIds()), cb.logits().getRow(i).toDoubleVector(), 1e-4, 1e-5,
                    "logits pair " + i);
        }
    }

    @Test
    void inputAndEmbeddingGradientsMatchFiniteDifferencesPerSubWordToken() {
        CapturedBatch cb = model.capture().compute(model.evalBatch(new int[] {0, 1, 2}, pairs, labels),
                Set.of(ArtifactKind.INPUT_GRADS, ArtifactKind.EMBEDDING_GRADS, ArtifactKind.LAYER_OUTPUT_GRADS,
                        ArtifactKind.LOGITS));
        INDArray inputGrads = cb.inputGrads().orElseThrow();
        INDArray embGrads = cb.get(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS));
        assertEquals(7 + 4 + 3, inputGrads.size(0));
        int row = 0;
        double h = 1e-6;
        for (int i = 0; i < pairs.size(); i++) {
            PairEncoding p = pairs.get(i);
            double[][] e = naive.wordEmbeddings(p.ids());
            for (int t = 0; t < p.length(); t++, row++) {
                double[] dz = new double[TINY.hidden()];
                double[] dl = new double[TINY.hidden()];
                for (int j = 0; j < TINY.hidden(); j++) {
                    double keep = e[t][j];
                    e[t][j] = keep + h;
                    double[] zp = naive.logits(e, p.typeIds());
                    e[t][j] = keep - h;
                    double[] zm = naive.logits(e, p.typeIds());
                    e[t][j] = keep;
                    dz[j] = (zp[labels[i]] - zm[labels[i]]) / (2 * h);
                    dl[j] = (NaiveBert.loss(zp, labels[i]) - NaiveBert.loss(zm, labels[i])) / (2 * h);
                }
                Asserts.assertClose(dz, inputGrads.getRow(row).toDoubleVector(), 2e-3, 2e-5,
                        "INPUT_GRADS d z_y / d e, pair " + i + " token " + t);
                Asserts.assertClose(dl, embGrads.getRow(row).toDoubleVector(), 2e-3, 2e-5,
                        "EMBEDDING_GRADS d loss / d e, pair " + i + " token " + t);
            }
            // d loss_i / d z_i = softmax(z_i) - onehot(y_i), from the oracle's logits
            double[] z = naive.logits(e, p.typeIds());
            double[] want = new double[3];
            double s = 0;
            for (double v : z) {
                s += Math.exp(v);
            }
            for (int k = 0; k < 3; k++) {
                want[k] = Math.exp(z[k]) / s - (k == labels[i] ? 1 : 0);
            }
            Asserts.assertClose(want, cb.layerOutputGrads().get("fc3").getRow(i).toDoubleVector(), 1e-4, 1e-6,
                    "LAYER_OUTPUT_GRADS.fc3, pair " + i);
        }
    }

    @Test
    void trainingGradientsOfHeadAndEncoderMatchFiniteDifferences() {
        Map<String, INDArray> ph = new HashMap<>(BertClassifier.placeholders(pairs, TINY));
        ph.putAll(model.capture().labelPlaceholder(labels));
        ph.putAll(model.capture().trainingPlaceholders(pairs.size(), 1.0 / pairs.size()));
        List<String> names = List.of("fc1_w", "fc3_b", "encoder.layer.0.attention.self.query.weight",
                "encoder.layer.1.output.LayerNorm.weight", "encoder.layer.1.intermediate.dense.bias",
                "embeddings.LayerNorm.bias");
        Map<String, INDArray> grads = model.graph().calculateGradients(ph, names);
        assertEquals(model.trainableParameters().size(), TINY.layers() * 16 + 2 + 6,
                "every encoder and head parameter trains: " + model.trainableParameters());
        Random r = new Random(3);
        for (String name : names) {
            INDArray g = grads.get(name);
            for (int probe = 0; probe < 4; probe++) {
                int idx = r.nextInt((int) g.length());
                double want = name.startsWith("fc") ? headFd(name, idx) : encoderFd(name, idx);
                Asserts.assertClose(want, g.getDouble(idx), 5e-3, 5e-5, "d mean loss / d " + name + "[" + idx + "]");
            }
        }
    }

    private double meanLoss() {
        double s = 0;
        for (int i = 0; i < pairs.size(); i++) {
            PairEncoding p = pairs.get(i);
            s += NaiveBert.loss(naive.logits(naive.wordEmbeddings(p.ids()), p.typeIds()), labels[i]);
        }
        return s / pairs.size();
    }

    private double headFd(String name, int idx) {
        int layer = name.charAt(2) - '1';
        double h = 1e-6;
        if (name.endsWith("_b")) {
            double keep = naive.headB[layer][idx];
            naive.headB[layer][idx] = keep + h;
            double p = meanLoss();
            naive.headB[layer][idx] = keep - h;
            double m = meanLoss();
            naive.headB[layer][idx] = keep;
            return (p - m) / (2 * h);
        }
        int cols = naive.headW[layer][0].length;
        double[] row = naive.headW[layer][idx / cols];
        double keep = row[idx % cols];
        row[idx % cols] = keep + h;
        double p = meanLoss();
        row[idx % cols] = keep - h;
        double m = meanLoss();
        row[idx % cols] = keep;
        return (p - m) / (2 * h);
    }

    /** float32 parameters: a step of 2^-8 (its float rounding is under 1e-4 of it), then float64 math */
    private double encoderFd(String name, int idx) {
        float[] v = weights.raw(name);
        float keep = v[idx];
        float h = 1f / 256;
        v[idx] = keep + h;
        double p = meanLoss();
        v[idx] = keep - h;
        double m = meanLoss();
        v[idx] = keep;
        return (p - m) / (2 * (double) h);
    }
}
