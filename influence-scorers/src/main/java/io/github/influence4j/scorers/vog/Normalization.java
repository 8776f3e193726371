// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

/**
 * How raw VoG values are standardised (Agarwal et al. 2022, Sec. 3; Tan et al. 2023, App. B.1).
 * Both z-scores use population statistics (divide by the count, {@code ddof = 0}) over the
 * examples being scored.
 */
public enum Normalization {
    /** Raw values. */
    NONE,
    /** z-score within the gold class: (v - mean_class) / std_class. The default. */
    CLASS,
    /** z-score over all scored examples: (v - mean) / std. */
    DATASET
}
