// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.influence4j.nlp.snli.SnliPair;
import io.github.influence4j.nlp.snli.SnliReader;
import io.github.influence4j.nlp.snli.SnliSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The natively built SameDiff BERT against ONNX Runtime running the pretrained all-MiniLM-L6-v2 ONNX
 * file: {@code last_hidden_state} within 1e-4 absolute at every real position (measured: 2.6e-6), and
 * within 5e-4 at padded positions (measured 1.2e-4; ONNX Runtime's own optimisation levels differ
 * there by 9.3e-5), for real SNLI pairs of different lengths, an empty pair and a truncated one,
 * padded into one batch. ONNX Runtime runs unoptimised (the exported graph op by op), one thread.
 */
class BertEncoderParityTest {
    @Test
    void lastHiddenStateMatchesOnnxRuntimeOnPaddedSnliPairs() throws OrtException {
        BertWeights w = MiniLmFixture.weights();
        assertEquals(new BertConfig(30_522, 384, 6, 12, 1536, 512, 2, (double) 1e-12f), w.config());
        WordPieceTokenizer tok = MiniLmFixture.tokenizer();
        List<SnliPair> snli = SnliReader.bundled(SnliSplit.TEST);
        List<PairEncoding> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SnliPair p = snli.get(i * 997);
            pairs.add(tok.encodePair(p.premise(), p.hypothesis(), 128));
        }
        pairs.add(tok.encodePair("", "", 128)); // the null input: [CLS] [SEP] [SEP]
        pairs.add(tok.encodePair(snli.get(5).premise(), snli.get(5).hypothesis(), 9)); // truncated
        Map<String, INDArray> ph = BertClassifier.placeholders(pairs, w.config());
        long b = pairs.size();
        long len = ph.get(BertEncoder.INPUT_IDS).size(1);
        assertTrue(len > 20, "the batch must pad: longest " + len);

        INDArray got = BertClassifier.create(w, 0, 1).lastHiddenState(ph);
        float[][][] want = onnxRuntime(ph);

        assertEquals(b, got.size(0));
        assertEquals(len, got.size(1));
        double worst = 0;
        double worstPadding = 0;
        String where = "";
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < 384; j++) {
                    double d = Math.abs(want[i][t][j] - got.getDouble(i, t, j));
                    if (t >= pairs.get(i).length()) {
                        worstPadding = Math.max(worstPadding, d);
                        continue;
                    }
                    if (d > worst) {
                        worst = d;
                        where = "pair " + i + ", position " + t + ", unit " + j + ": ONNX " + want[i][t][j] + ", SameDiff "
                                + got.getDouble(i, t, j);
                    }
                }
            }
        }
        assertTrue(worst <= 1e-4, "max |diff| " + worst + " at " + where);
        // padded query rows are ill-conditioned (the [PAD] embedding, sharp attention): ONNX Runtime's own
        // NO_OPT and ALL_OPT sessions differ there by 9.3e-5 (2.7e-6 at real positions), so the bound is looser;
        // nothing reads them (pooling and capture mask them out)
        assertTrue(worstPadding <= 5e-4, "max |diff| at padded positions " + worstPadding);
    }

    private static float[][][] onnxRuntime(Map<String, INDArray> ph) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            // the graph as exported, op by op: no fused LayerNorm/GELU/attention kernels
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(MiniLmFixture.artifacts().onnxModel(), opts);
                    OnnxTensor ids = OnnxTensor.createTensor(env, longs(ph.get(BertEncoder.INPUT_IDS)));
                    OnnxTensor mask = OnnxTensor.createTensor(env, longs(ph.get(BertEncoder.ATTENTION_MASK)));
                    OnnxTensor types = OnnxTensor.createTensor(env, longs(ph.get(BertEncoder.TOKEN_TYPE_IDS)));
                    OrtSession.Result r = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                            "token_type_ids", types))) {
                return (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
            }
        }
    }

    private static long[][] longs(INDArray a) {
        long[][] out = new long[(int) a.size(0)][(int) a.size(1)];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = a.getLong(i, j);
            }
        }
        return out;
    }
}
