// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes the inputs of the capture golden test in the oracle's layout: random data and initial
 * weights (seed 7), then trains {@link OracleFamilyModel} and exports its weights at each captured
 * checkpoint. See {@code src/test/resources/golden/oracle-family/README.md} for the full command.
 */
final class OracleFixtureGenerator {
    static final int N = 21;
    static final int L = 7;
    static final int V = 13;
    static final int D = 6;
    static final int H = 5;
    static final int K = 3;

    private OracleFixtureGenerator() {
    }

    /**
     * @param args the output directory
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.resolve("init"));
        Random r = new Random(7);
        long[] tok = new long[N * L];
        long[] lab = new long[N];
        int[][] tokens = new int[N][L];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            int n = i == 0 ? 1 : i == 1 ? L : 1 + r.nextInt(L);
            for (int t = 0; t < n; t++) {
                tokens[i][t] = 1 + r.nextInt(V - 1);
                tok[i * L + t] = tokens[i][t];
            }
            labels[i] = r.nextInt(K);
            lab[i] = labels[i];
        }
        OracleFamilyModel.write(out.resolve("train_tokens.npy"), Nd4j.createFromArray(tok).reshape(N, L));
        OracleFamilyModel.write(out.resolve("train_labels.npy"), Nd4j.createFromArray(lab));
        Files.writeString(out.resolve("config.json"),
                "{\"pad_id\": 0, \"activation\": \"tanh\", \"fc_layout\": \"in_out\"}\n");
        Map<String, INDArray> init = new TreeMap<>();
        init.put("emb", gaussian(r, 0.8, V, D));
        init.get("emb").getRow(0).assign(0);
        init.put("hid_w", gaussian(r, 0.6, D, H));
        init.put("hid_b", gaussian(r, 0.1, H));
        init.put("fc_w", gaussian(r, 0.6, H, K));
        init.put("fc_b", gaussian(r, 0.1, K));
        for (Map.Entry<String, INDArray> e : init.entrySet()) {
            OracleFamilyModel.write(out.resolve("init").resolve(e.getKey() + ".npy"), e.getValue());
        }
        OracleFamilyModel m = new OracleFamilyModel(tokens, labels, init);
        m.trainAndCapture(MemoryStores.create(new StoreSpec("gen", N, K, 8)), out);
    }

    static INDArray gaussian(Random r, double scale, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }
}
