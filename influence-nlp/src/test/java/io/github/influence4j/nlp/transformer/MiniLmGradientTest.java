// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.testing.Asserts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pretrained MiniLM at full size against the float64 {@link NaiveBert}: the encoder output at
 * every real position of a padded batch, and capture's {@code INPUT_GRADS} (d z_y / d e, 384 per
 * sub-word token) by central finite differences at sampled tokens and units.
 */
class MiniLmGradientTest {
    @Test
    void encoderAndInputGradientsMatchTheFloat64OracleAtFullSize() {
        BertWeights w = MiniLmFixture.weights();
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        List<PairEncoding> pairs = List.of(
                tok.encodePair("Two dogs run through a snowy field.", "Animals are outside.", 128),
                tok.encodePair("A man sleeps.", "Nobody sleeps.", 128));
        int[] labels = {0, 2};
        BertClassifier model = BertClassifier.create(w, 0, 1);
        NaiveBert naive = new NaiveBert(w);
        String[] hw = {"fc1_w", "fc2_w", "fc3_w"};
        String[] hb = {"fc1_b", "fc2_b", "fc3_b"};
        for (int l = 0; l < 3; l++) {
            naive.headW[l] = model.graph().getArrForVarName(hw[l]).toDoubleMatrix();
            naive.headB[l] = model.graph().getArrForVarName(hb[l]).toDoubleVector();
        }
        Map<String, INDArray> ph = BertClassifier.placeholders(pairs, w.config());
        INDArray hidden = model.lastHiddenState(ph);
        CapturedBatch cb = model.capture().compute(model.evalBatch(new int[] {0, 1}, pairs, labels),
                Set.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LOGITS));
        INDArray grads = cb.inputGrads().orElseThrow();
        int row = 0;
        for (int i = 0; i < pairs.size(); i++) {
            PairEncoding p = pairs.get(i);
            double[][] e = naive.wordEmbeddings(p.ids());
            double[][] want = naive.encode(e, p.typeIds());
            for (int t = 0; t < p.length(); t++) {
                double[] got = hidden.get(NDArrayIndex.point(i), NDArrayIndex.point(t), NDArrayIndex.all()).toDoubleVector();
                Asserts.assertClose(want[t], got, 1e-4, 2e-5, "last_hidden_state pair " + i + " position " + t);
            }
            Asserts.assertClose(naive.logits(e, p.typeIds()), cb.logits().getRow(i).toDoubleVector(), 1e-4, 1e-5,
                    "logits pair " + i);
            double h = 1e-5;
            for (int t : i == 0 ? new int[] {0, 3} : new int[] {p.length() - 2}) {
                int[] units = {1, 200, 383};
                double[] fd = new double[units.length];
                double[] sd = new double[units.length];
                for (int k = 0; k < units.length; k++) {
                    int j = units[k];
                    double keep = e[t][j];
                    e[t][j] = keep + h;
                    double zp = naive.logits(e, p.typeIds())[labels[i]];
                    e[t][j] = keep - h;
                    double zm = naive.logits(e, p.typeIds())[labels[i]];
                    e[t][j] = keep;
                    fd[k] = (zp - zm) / (2 * h);
                    sd[k] = grads.getDouble(row + t, j);
                }
                Asserts.assertClose(fd, sd, 5e-3, 1e-5, "INPUT_GRADS pair " + i + " token " + t + " units 1, 200, 383");
            }
            row += p.length();
        }
    }
}
