// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

/**
 * How the training set of one training run was formed (Tan, Minakova and Anand 2023, Sec. 2).
 */
public enum Pruning {
    /** All training examples (fraction 0). */
    NONE,
    /** A uniformly random fraction removed: the baseline every score must beat. */
    RANDOM,
    /** The easiest fraction removed by a score's orientation ("prune easy"). */
    EASY,
    /** The hardest fraction removed by a score's orientation ("prune hard"). */
    HARD,
    /**
     * Dynamic pruning (Attendu and Corbeil 2023): after a warm-up, each epoch leaves out the fraction
     * a streamed score calls easiest at the end of the epoch before ({@code snli-prune --dynamic});
     * fraction 0 streams the scores without pruning.
     */
    DYNAMIC
}
