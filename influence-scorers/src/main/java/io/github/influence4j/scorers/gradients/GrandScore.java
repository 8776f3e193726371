// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.spi.ArtifactReads.Ragged;
import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Map;

/**
 * GraNd (Paul et al. 2021, Sec. 3) resolved against a store: the per-example gradient norm
 * ||grad_theta L(theta_c, z)||_2 over the selected parameter groups, averaged over the selected
 * checkpoints. Higher is harder. Needs no labels: the captured gradients already hold them.
 *
 * @implNote Per checkpoint the squared norms of all groups are summed before the square root (theta
 *     is the union of the groups); the mean over checkpoints is of the norms, as the oracle and
 *     Paul et al. (who average over runs). Factored layers use ||delta||^2 (||a||^2 + 1) (without
 *     the 1 when {@code bias=false}); the embedding matrix sum_w ||sum_{t: x_t = w} g_t||^2.
 */
final class GrandScore extends PlannedScore {
    private static final ArtifactKey EMBEDDING_GRADS = ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS);
    private static final ArtifactKey TOKEN_IDS = ArtifactKey.of(ArtifactKind.TOKEN_IDS);

    GrandScore(String name, TrainingArtifactStore store, TracInOptions options) {
        super(name, store, options);
        for (GradientGroup g : plan.groups()) {
            if (g instanceof GradientGroup.Projected) {
                throw new ConfigurationException(name + ": " + TracInOptions.PROJECTED + " approximate inner products of"
                        + " gradients, not the exact norm GraNd reports; name exact groups in the layers option");
            }
        }
    }

    @Override
    public Map<String, String> provenance() {
        return Map.of("groups", plan.labels());
    }

    @Override
    public ChunkAccumulator accumulator(ChunkReads chunk) {
        GrandAccumulator acc = new GrandAccumulator(chunk.size());
        boolean embeddings = plan.groups().stream().anyMatch(g -> g instanceof GradientGroup.Embedding);
        Ragged tokens = embeddings ? chunk.raggedStatic(TOKEN_IDS) : null;
        return new ChunkAccumulator() {
            @Override
            public void add(Checkpoint c, ChunkReads reads) {
                for (GradientGroup g : plan.groups()) {
                    addGroup(acc, g, c, reads, tokens);
                }
                acc.endCheckpoint();
            }

            @Override
            public double[] result() {
                return acc.results();
            }
        };
    }

    private void addGroup(GrandAccumulator acc, GradientGroup g, Checkpoint c, ChunkReads reads, Ragged tokens) {
        int n = reads.size();
        if (g instanceof GradientGroup.Factored f) {
            double[] a = reads.dense(c, f.keys().get(0), -1);
            double[] d = reads.dense(c, f.keys().get(1), -1);
            acc.addFactored(a, d, width(a, n), width(d, n), f.bias());
        } else if (g instanceof GradientGroup.Dense) {
            double[] p = reads.dense(c, g.keys().get(0), -1);
            acc.addDense(p, width(p, n));
        } else {
            Ragged e = reads.ragged(c, EMBEDDING_GRADS);
            for (int i = 0; i < n; i++) {
                if (e.lengths()[i] != tokens.lengths()[i]) {
                    throw new IncompatibleStoreException(reads.scorer() + ": EMBEDDING_GRADS of example "
                            + (reads.range().from() + i) + " has " + e.lengths()[i] + " positions at checkpoint '"
                            + c.id() + "' but TOKEN_IDS has " + tokens.lengths()[i] + " in store '" + store.id()
                            + "'; both must hold the same real positions. Re-capture EMBEDDING_GRADS for the stored"
                            + " tokens.");
                }
            }
            acc.addEmbedding(e.values(), tokens.values(), e.lengths(), e.width());
        }
    }

    private static int width(double[] values, int n) {
        return n == 0 ? 0 : values.length / n;
    }
}
