// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKind;

/**
 * The definition of Variance of Gradients; reach it through {@code Scorers.vog(store)} or by the
 * name {@code "vog"}.
 */
public final class VogScorers {
    /** {@code spread}: how the per-element spread across checkpoints is reduced. */
    public static final Option<Spread> SPREAD = Option.enumeration("spread", Spread.class, Spread.VARIANCE,
            "VARIANCE (Tan et al. 2023, the default) or STD (Agarwal et al. 2022)");
    /** {@code normalization}: how raw VoG is standardised. */
    public static final Option<Normalization> NORMALIZATION = Option.enumeration("normalization",
            Normalization.class, Normalization.CLASS, "CLASS z-score (default), DATASET z-score or NONE");

    /**
     * Variance of Gradients (Agarwal et al. 2022, Eq. 1-3; Tan et al. 2023, App. B.1, Alg. 1): with
     * G_c the {@code INPUT_GRADS} of example i at checkpoint c (the gradient of the true-class logit
     * with respect to the embedding-layer output, {@code [T_i, D]}, real positions only),
     * V = (1/C) sum_c (G_c - mean_c G)^2 elementwise, and v_i = mean over the T_i x D elements of V
     * ({@link Spread#VARIANCE}) or of sqrt(V) ({@link Spread#STD}), then standardised by
     * {@link Normalization}. Higher is harder. Needs at least 2 checkpoints.
     */
    public static final ScorerDefinition VOG = ScorerDefinition.builder("vog")
            .description("Variance of Gradients: spread across checkpoints of d(true-class logit)/d(embeddings),"
                    + " class-normalised (Agarwal et al. 2022; Tan et al. 2023, Alg. 1); higher is harder")
            .orientation(Orientation.HIGHER_IS_HARDER)
            .requires(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS)
            .option(SPREAD, NORMALIZATION, CheckpointSelection.CHECKPOINTS)
            .factory((def, store, options) -> ScoringEngine.scorer(def, store, options, new VogScore(store, options)))
            .build();

    private VogScorers() {
    }
}
