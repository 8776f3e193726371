// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A gradient score resolved against a store by the shared group selector ({@link TracInPlan}): its
 * checkpoints and the artifact kinds it reads come from the plan.
 */
abstract class PlannedScore implements ChunkScore {
    /** The store scored. */
    final TrainingArtifactStore store;
    /** The resolved groups, checkpoints and eta_c. */
    final TracInPlan plan;

    PlannedScore(String name, TrainingArtifactStore store, TracInOptions options) {
        this.store = store;
        this.plan = TracInPlan.resolve(name, store, options);
    }

    /**
     * Factored and dense groups (the last layer, TracIn's and GraNd's usual groups) read a few
     * hundred values per example at most: chunks of about 4 MiB of float64 per read, so that
     * per-read costs stop dominating, and scored in one pass with the logit scores by
     * {@code ScoringEngine.scoreAll}. Accumulators read them only within {@code add} and never
     * modify them. With the embedding group (ragged), the store's chunk size. Per example the
     * checkpoint terms are added in store order, so results do not depend on the chunk size.
     */
    @Override
    public int chunkSizeFor(TrainingArtifactStore store) {
        long widest = 1;
        for (GradientGroup g : plan.groups()) {
            if (g instanceof GradientGroup.Embedding) {
                return 0;
            }
            for (ArtifactKey k : g.keys()) {
                for (Checkpoint c : plan.checkpoints()) {
                    widest = Math.max(widest, store.artifacts(c.id()).get(k).elementsPerRow());
                }
            }
        }
        return ScoringEngine.chunkSizeForBytes(store, widest);
    }

    @Override
    public final List<Checkpoint> checkpoints() {
        return plan.checkpoints();
    }

    @Override
    public final Optional<Set<ArtifactKind>> requiredArtifacts() {
        return Optional.of(plan.kinds());
    }
}
