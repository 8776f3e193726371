// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

/**
 * Which end of a score holds the hard examples, so that "prune the easiest 30%" means the same
 * thing for every score (docs/DESIGN.md section 1.2).
 */
public enum Orientation {
    /** A larger value marks a harder (more influential, more atypical, likelier mislabelled) example: VoG, EL2N, forgetting. */
    HIGHER_IS_HARDER,
    /** A smaller value marks a harder example: confidence, correctness, AUM, PVI. */
    LOWER_IS_HARDER;

    /**
     * @param a a score value
     * @param b another score value
     * @return a negative number if {@code a} is easier than {@code b}, positive if harder, 0 if equal
     *     ({@link Double#compare} semantics)
     */
    public int compareHardness(double a, double b) {
        return this == HIGHER_IS_HARDER ? Double.compare(a, b) : Double.compare(b, a);
    }
}
