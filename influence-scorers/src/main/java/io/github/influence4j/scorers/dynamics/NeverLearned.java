// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * The forgetting score of an example that no selected checkpoint classifies correctly (Toneva et
 * al. 2019, Sec. 3: "unforgettable" excludes such examples; they rank as the most forgotten).
 */
public enum NeverLearned {
    /** C, the number of checkpoints used: larger than any real count (at most C - 1). The default. */
    CHECKPOINT_COUNT,
    /** Positive infinity, as in Toneva et al.'s ranking and the oracle's default. */
    INFINITY
}
