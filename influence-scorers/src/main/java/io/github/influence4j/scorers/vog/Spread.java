// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

/**
 * How VoG reduces the per-element spread of the gradients across checkpoints to one number per
 * example (docs/DESIGN.md section 3.1).
 */
public enum Spread {
    /**
     * Mean over the T_i x D elements of the population variance (1/C) sum_c (G_c - mean_c G)^2:
     * Tan et al. 2023, App. B.1, Algorithm 1. The default.
     */
    VARIANCE,
    /**
     * Mean over the T_i x D elements of the population standard deviation (square root of the
     * variance above): the official VoG code of Agarwal et al. 2022.
     */
    STD
}
