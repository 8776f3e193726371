// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PyTorch oracle's model and data (oracle README: masked mean pool of word embeddings, a linear
 * head {@code z = W p + b}), generated from a seed and written in the oracle's artifacts layout
 * ({@code train_tokens.npy}, {@code train_labels.npy}, {@code config.json},
 * {@code checkpoints/<name>/emb.npy, fc_w.npy, fc_b.npy, lr.npy}); pad id 0, real tokens in
 * {@code [1, V)} with Zipf-like frequencies, {@code T_i} uniform in {@code [6, L]}.
 *
 * @param n N
 * @param maxLen L
 * @param vocabulary V
 * @param dim D
 * @param classes K
 * @param tokens {@code [N x L]} row-major, 0 = padding
 * @param labels gold classes
 * @param checkpoints the weights per checkpoint
 */
record OracleData(int n, int maxLen, int vocabulary, int dim, int classes, long[] tokens, long[] labels,
        List<Weights> checkpoints) {

    /** Learning rates eta_c of the three checkpoints. */
    static final double[] LEARNING_RATES = {0.8, 0.5, 0.2};

    /**
     * One checkpoint's weights.
     *
     * @param emb {@code [V x D]}
     * @param fcW {@code [K x D]} (PyTorch out x in)
     * @param fcB {@code [K]}
     * @param lr eta_c
     */
    record Weights(float[] emb, float[] fcW, float[] fcB, double lr) {
    }

    static OracleData generate(int n, int maxLen, int vocabulary, int dim, int classes, int numCheckpoints, long seed) {
        FastRandom r = new FastRandom(seed);
        long[] tokens = new long[n * maxLen];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
            int len = 6 + r.nextInt(maxLen - 5);
            for (int t = 0; t < len; t++) {
                tokens[i * maxLen + t] = 1 + r.nextZipf(vocabulary - 1);
            }
        }
        List<Weights> cks = new ArrayList<>();
        for (int c = 0; c < numCheckpoints; c++) {
            float[] emb = new float[vocabulary * dim];
            for (int j = 0; j < emb.length; j++) {
                emb[j] = 0.5f * r.nextSignedFloat();
            }
            float[] w = new float[classes * dim];
            for (int j = 0; j < w.length; j++) {
                w[j] = r.nextSignedFloat();
            }
            float[] b = new float[classes];
            for (int j = 0; j < b.length; j++) {
                b[j] = 0.1f * r.nextSignedFloat();
            }
            cks.add(new Weights(emb, w, b, LEARNING_RATES[c % LEARNING_RATES.length]));
        }
        return new OracleData(n, maxLen, vocabulary, dim, classes, tokens, labels, cks);
    }

    /** @param dir the artifacts directory to write (the oracle's layout) */
    void write(Path dir) {
        NpyFiles.writeLongs(dir.resolve("train_tokens.npy"), tokens, n, maxLen);
        NpyFiles.writeLongs(dir.resolve("train_labels.npy"), labels, n);
        for (int c = 0; c < checkpoints.size(); c++) {
            Weights w = checkpoints.get(c);
            Path d = dir.resolve("checkpoints").resolve(String.format(Locale.ROOT, "c%02d", c));
            NpyFiles.writeFloats(d.resolve("emb.npy"), w.emb(), vocabulary, dim);
            NpyFiles.writeFloats(d.resolve("fc_w.npy"), w.fcW(), classes, dim);
            NpyFiles.writeFloats(d.resolve("fc_b.npy"), w.fcB(), classes);
            NpyFiles.writeDoubles(d.resolve("lr.npy"), new double[] {w.lr()});
        }
        try {
            Files.writeString(dir.resolve("config.json"),
                    "{\"pad_id\": 0, \"activation\": \"none\", \"fc_layout\": \"out_in\"}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json"), e);
        }
    }

    /**
     * @param dir an artifacts directory written by {@link #write}
     * @return the data read back
     */
    static OracleData read(Path dir) {
        long[] tokens = NpyFiles.readLongs(dir.resolve("train_tokens.npy"));
        long[] labels = NpyFiles.readLongs(dir.resolve("train_labels.npy"));
        int n = labels.length;
        int maxLen = tokens.length / n;
        List<Weights> cks = new ArrayList<>();
        int vocabulary = 0;
        int dim = 0;
        int classes = 0;
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            for (Path d : s.sorted().toList()) {
                float[] fcB = NpyFiles.readFloats(d.resolve("fc_b.npy"));
                float[] fcW = NpyFiles.readFloats(d.resolve("fc_w.npy"));
                float[] emb = NpyFiles.readFloats(d.resolve("emb.npy"));
                classes = fcB.length;
                dim = fcW.length / classes;
                vocabulary = emb.length / dim;
                cks.add(new Weights(emb, fcW, fcB, NpyFiles.readDoubles(d.resolve("lr.npy"))[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.resolve("checkpoints"), e);
        }
        return new OracleData(n, maxLen, vocabulary, dim, classes, tokens, labels, cks);
    }

    /**
     * @param i an example
     * @return T_i, its number of real (non-zero) tokens
     */
    int length(int i) {
        int t = 0;
        for (int p = 0; p < maxLen; p++) {
            if (tokens[i * maxLen + p] != 0) {
                t++;
            }
        }
        return t;
    }
}
