// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.testing;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A tiny store whose hardest examples are known by construction: N = 12, K = 3, labels i % 3, four
 * checkpoints (learning rates 0.4, 0.3, 0.2, 0.1).
 * <ul>
 *   <li>{@link #MISLABELLED} (4, label 1): the model puts class 0 far ahead at every checkpoint:
 *       lowest confidence, correctness, AUM and PVI, highest EL2N and GraNd, never learned (forgetting).</li>
 *   <li>{@link #OSCILLATING} (2, label 2): right, wrong, right, wrong: highest variability and the most
 *       forgetting events (2) among learned examples.</li>
 *   <li>{@link #UNSTABLE} (3, label 0): input gradients swing by +-3 between checkpoints, the others by
 *       about 0.1: highest VoG, raw and normalised (its class z-score is about sqrt(3), above what the
 *       ramps of the other classes reach).</li>
 * </ul>
 * Other examples are learned confidently, with slightly different margins (no ties). Also holds
 * {@code TOKEN_IDS}, {@code NULL_LOGITS} (all zero) and the factored last layer {@code fc}.
 */
public final class HandMadeStore {
    /** The mislabelled example. */
    public static final int MISLABELLED = 4;
    /** The example that flips between right and wrong. */
    public static final int OSCILLATING = 2;
    /** The example with unstable input gradients. */
    public static final int UNSTABLE = 3;
    /** N. */
    public static final int N = 12;
    /** K. */
    public static final int K = 3;
    /** C. */
    public static final int C = 4;

    private HandMadeStore() {
    }

    /** @return the label of every example */
    public static long[] labels() {
        long[] y = new long[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % K;
        }
        return y;
    }

    /**
     * @param c checkpoint index
     * @return logits {@code [N][K]} at checkpoint c
     */
    public static double[][] logits(int c) {
        double[][] z = new double[N][K];
        for (int i = 0; i < N; i++) {
            int y = i % K;
            if (i == MISLABELLED) {
                z[i] = new double[] {6, -6, 0};
            } else if (i == OSCILLATING) {
                z[i][y] = c % 2 == 0 ? 5 : -5;
                z[i][0] = c % 2 == 0 ? 0 : 5;
            } else {
                z[i][y] = 3 + 0.1 * i + 0.05 * c;
            }
        }
        return z;
    }

    /**
     * @param c checkpoint index
     * @return input gradients {@code [N][T_i][2]}, T_i = 1 + i % 3
     */
    public static double[][][] inputGrads(int c) {
        double[][][] g = new double[N][][];
        for (int i = 0; i < N; i++) {
            double amp = i == UNSTABLE ? 3.0 : 0.1 * (1 + i / 12.0);
            double sign = c % 2 == 0 ? 1 : -1;
            g[i] = new double[1 + i % 3][2];
            for (int t = 0; t < g[i].length; t++) {
                g[i][t][0] = 0.5 * t + amp * sign;
                g[i][t][1] = -0.2 * i + amp * sign;
            }
        }
        return g;
    }

    /**
     * @param kind memory or file
     * @param dir a temporary directory
     * @param chunkSize the store's chunk size
     * @return the store
     */
    public static TrainingArtifactStore build(StoreKind kind, Path dir, int chunkSize) {
        StoreBuilder b = StoreBuilder.create(kind, dir, new StoreSpec("hand-made", N, K, chunkSize), DataType.DOUBLE)
                .labels(labels());
        long[][] tokens = new long[N][];
        for (int i = 0; i < N; i++) {
            tokens[i] = new long[1 + i % 3];
            for (int t = 0; t < tokens[i].length; t++) {
                tokens[i][t] = 1 + (i + t) % 5;
            }
        }
        b.tokens(tokens);
        double[] lrs = {0.4, 0.3, 0.2, 0.1};
        for (int c = 0; c < C; c++) {
            double[][] z = logits(c);
            double[][] delta = new double[N][K];
            double[][] a = new double[N][];
            for (int i = 0; i < N; i++) {
                double max = Math.max(z[i][0], Math.max(z[i][1], z[i][2]));
                double s = 0;
                for (int k = 0; k < K; k++) {
                    delta[i][k] = Math.exp(z[i][k] - max);
                    s += delta[i][k];
                }
                for (int k = 0; k < K; k++) {
                    delta[i][k] = delta[i][k] / s - (k == i % K ? 1 : 0);
                }
                a[i] = new double[] {1, 0.5};
            }
            b.checkpoint("c" + c, lrs[c])
                    .dense(ArtifactKey.of(ArtifactKind.LOGITS), z)
                    .dense(ArtifactKey.of(ArtifactKind.NULL_LOGITS), new double[N][K])
                    .ragged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), inputGrads(c), 2)
                    .dense(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc"), a)
                    .dense(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc"), delta);
        }
        return b.build();
    }

    /** @return the in-memory store with chunk size 5 (three chunks) */
    public static TrainingArtifactStore memory() {
        return build(StoreKind.MEMORY, Path.of("unused"), 5);
    }
}
