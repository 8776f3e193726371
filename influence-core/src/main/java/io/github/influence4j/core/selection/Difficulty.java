// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

/**
 * An end of the difficulty ranking, read through each score's
 * {@link io.github.influence4j.core.Orientation}: {@code HARD} is the high end of a
 * {@code HIGHER_IS_HARDER} score and the low end of a {@code LOWER_IS_HARDER} one (Tan et al. 2023,
 * Sec. 2: "pruning easy" removes the examples at the easy end).
 */
public enum Difficulty {
    /** The easy end: low VoG, EL2N, forgetting; high confidence, AUM, PVI. */
    EASY,
    /** The hard end: high VoG, EL2N, forgetting; low confidence, AUM, PVI. */
    HARD;

    /** @return the spec spelling, {@code easy} or {@code hard} */
    public String specName() {
        return this == EASY ? "easy" : "hard";
    }
}
