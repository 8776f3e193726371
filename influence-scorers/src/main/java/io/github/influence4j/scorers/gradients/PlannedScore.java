// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.spi.ChunkScore;
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

    @Override
    public final List<Checkpoint> checkpoints() {
        return plan.checkpoints();
    }

    @Override
    public final Optional<Set<ArtifactKind>> requiredArtifacts() {
        return Optional.of(plan.kinds());
    }
}
