// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import java.util.Objects;

/**
 * The three coordinates of a data map (Swayamdipta et al. 2020, Sec. 2), computed in one pass over
 * the same checkpoints and examples.
 *
 * @param confidence mean_c p_c(y): lower is harder ({@code "data-map-confidence"})
 * @param variability population std_c p_c(y): higher is more ambiguous ({@code "data-map-variability"})
 * @param correctness fraction of checkpoints with argmax = y: lower is harder ({@code "data-map-correctness"})
 */
public record DataMap(io.github.influence4j.core.InfluenceScores confidence,
        io.github.influence4j.core.InfluenceScores variability, io.github.influence4j.core.InfluenceScores correctness) {
    /**
     * Checks that no coordinate is missing.
     *
     * @param confidence see the record component
     * @param variability see the record component
     * @param correctness see the record component
     */
    public DataMap {
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(variability, "variability");
        Objects.requireNonNull(correctness, "correctness");
    }
}
