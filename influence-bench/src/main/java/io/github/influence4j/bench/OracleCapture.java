// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Capture for the oracle's model (masked mean pool, linear head): per checkpoint and batch, the
 * forward pass and the closed-form per-example backward pass, written into a file store. The
 * gradients are those of one backward pass of the summed objective, written out by hand because
 * the model is two lines: {@code delta = softmax(z) - onehot(y)} (dL/dz), {@code dL/de_t = W^T
 * delta / T_i} at every real position (EMBEDDING_GRADS), {@code dz_y/de_t = W[y] / T_i}
 * (INPUT_GRADS), the factored head {@code (a, delta) = (p, delta)} (LAYER_INPUTS.fc,
 * LAYER_OUTPUT_GRADS.fc), LOGITS and LOSS. Arithmetic in float64, stored as float32.
 */
final class OracleCapture {
    /** What a score needs captured. */
    enum Group {
        /** LOGITS and LOSS. */
        LOGITS,
        /** TOKEN_IDS and EMBEDDING_GRADS. */
        EMBEDDINGS,
        /** INPUT_GRADS. */
        INPUT_GRADS,
        /** LAYER_INPUTS.fc and LAYER_OUTPUT_GRADS.fc. */
        HEAD
    }

    static final String LAYER = "fc";
    private static final int BATCH = 1024;

    private OracleCapture() {
    }

    static StoreSpec spec(OracleData d) {
        return spec(d, BATCH);
    }

    /**
     * @param d the data
     * @param chunk examples per chunk (and per capture batch)
     * @return the store's spec
     */
    static StoreSpec spec(OracleData d, int chunk) {
        return StoreSpec.builder("oracle-bench").numExamples(d.n()).numClasses(d.classes()).chunkSize(chunk).build();
    }

    static void capture(OracleData d, Path dir, Set<Group> groups) {
        capture(d, dir, groups, BATCH);
    }

    static void capture(OracleData d, Path dir, Set<Group> groups, int chunk) {
        try (ArtifactWriter w = ArtifactStores.create(dir, spec(d, chunk))) {
            capture(d, w, groups);
        }
    }

    static void capture(OracleData d, ArtifactWriter w, Set<Group> groups) {
        EnumSet<Group> g = groups.isEmpty() ? EnumSet.noneOf(Group.class) : EnumSet.copyOf(groups);
        final int batchSize = w.spec().chunkSize(); // one capture batch per chunk
        {
            int[] lengths = new int[d.n()];
            for (int i = 0; i < d.n(); i++) {
                lengths[i] = d.length(i);
            }
            for (int from = 0; from < d.n(); from += batchSize) {
                int to = Math.min(d.n(), from + batchSize);
                int[] labels = new int[to - from];
                for (int i = from; i < to; i++) {
                    labels[i - from] = (int) d.labels()[i];
                }
                try (INDArray l = Nd4j.createFromArray(labels)) {
                    w.write(ArtifactKey.of(ArtifactKind.LABELS), from, l);
                }
                if (g.contains(Group.EMBEDDINGS)) {
                    int[] len = java.util.Arrays.copyOfRange(lengths, from, to);
                    int[] ids = new int[sum(len)];
                    int k = 0;
                    for (int i = from; i < to; i++) {
                        for (int t = 0; t < lengths[i]; t++) {
                            ids[k++] = (int) d.tokens()[i * d.maxLen() + t];
                        }
                    }
                    try (INDArray a = Nd4j.createFromArray(ids)) {
                        w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), from, a, len);
                    }
                }
            }
            for (int c = 0; c < d.checkpoints().size(); c++) {
                OracleData.Weights wt = d.checkpoints().get(c);
                Checkpoint cp = Checkpoint.builder(String.format("c%02d", c)).step(c + 1L).epoch(c).learningRate(wt.lr())
                        .seed(0).build();
                try (CheckpointWriter cw = w.beginCheckpoint(cp)) {
                    for (int from = 0; from < d.n(); from += batchSize) {
                        batch(d, wt, cw, g, lengths, from, Math.min(d.n(), from + batchSize));
                    }
                    cw.commit();
                }
            }
        }
    }

    private static void batch(OracleData d, OracleData.Weights wt, CheckpointWriter w, Set<Group> g, int[] lengths,
            int from, int to) {
        int n = to - from;
        int dim = d.dim();
        int k = d.classes();
        int[] len = java.util.Arrays.copyOfRange(lengths, from, to);
        int rows = sum(len);
        float[] logits = new float[n * k];
        float[] loss = new float[n];
        float[] pooled = new float[n * dim];
        float[] delta = new float[n * k];
        float[] embGrads = g.contains(Group.EMBEDDINGS) ? new float[rows * dim] : new float[0];
        float[] inputGrads = g.contains(Group.INPUT_GRADS) ? new float[rows * dim] : new float[0];
        double[] p = new double[dim];
        double[] z = new double[k];
        double[] de = new double[dim];
        int row = 0;
        for (int i = from; i < to; i++) {
            int li = i - from;
            int t = lengths[i];
            java.util.Arrays.fill(p, 0);
            for (int pos = 0; pos < t; pos++) {
                int off = (int) d.tokens()[i * d.maxLen() + pos] * dim;
                for (int j = 0; j < dim; j++) {
                    p[j] += wt.emb()[off + j];
                }
            }
            double inv = 1.0 / Math.max(1, t);
            for (int j = 0; j < dim; j++) {
                p[j] *= inv;
                pooled[li * dim + j] = (float) p[j];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < k; q++) {
                double s = wt.fcB()[q];
                for (int j = 0; j < dim; j++) {
                    s += wt.fcW()[q * dim + j] * p[j];
                }
                z[q] = s;
                max = Math.max(max, s);
                logits[li * k + q] = (float) s;
            }
            double sum = 0;
            for (int q = 0; q < k; q++) {
                sum += Math.exp(z[q] - max);
            }
            int y = (int) d.labels()[i];
            loss[li] = (float) (Math.log(sum) + max - z[y]);
            java.util.Arrays.fill(de, 0);
            for (int q = 0; q < k; q++) {
                double dq = Math.exp(z[q] - max) / sum - (q == y ? 1 : 0);
                delta[li * k + q] = (float) dq;
                for (int j = 0; j < dim; j++) {
                    de[j] += wt.fcW()[q * dim + j] * dq;
                }
            }
            for (int pos = 0; pos < t; pos++, row++) {
                for (int j = 0; j < dim; j++) {
                    if (embGrads.length > 0) {
                        embGrads[row * dim + j] = (float) (de[j] * inv);
                    }
                    if (inputGrads.length > 0) {
                        inputGrads[row * dim + j] = (float) (wt.fcW()[y * dim + j] * inv);
                    }
                }
            }
        }
        if (g.contains(Group.LOGITS)) {
            dense(w, ArtifactKey.of(ArtifactKind.LOGITS), from, logits, n, k);
            try (INDArray a = Nd4j.createFromArray(loss)) {
                w.write(ArtifactKey.of(ArtifactKind.LOSS), from, a);
            }
        }
        if (g.contains(Group.HEAD)) {
            dense(w, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, LAYER), from, pooled, n, dim);
            dense(w, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, LAYER), from, delta, n, k);
        }
        if (g.contains(Group.EMBEDDINGS)) {
            ragged(w, ArtifactKind.EMBEDDING_GRADS, from, embGrads, rows, dim, len);
        }
        if (g.contains(Group.INPUT_GRADS)) {
            ragged(w, ArtifactKind.INPUT_GRADS, from, inputGrads, rows, dim, len);
        }
    }

    private static void dense(CheckpointWriter w, ArtifactKey key, int from, float[] v, int n, int width) {
        try (INDArray a = Nd4j.createFromArray(v).reshape(n, width)) {
            w.write(key, from, a);
        }
    }

    private static void ragged(CheckpointWriter w, ArtifactKind kind, int from, float[] v, int rows, int dim, int[] len) {
        try (INDArray a = Nd4j.createFromArray(v).reshape(rows, dim)) {
            w.writeRagged(ArtifactKey.of(kind), from, a, len);
        }
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }
}
