// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Variance of Gradients (Agarwal et al. 2022; Tan et al. 2023, App. B.1): the spread, across
 * checkpoints, of the gradient of the true-class logit with respect to the input embeddings.
 * Entry points: {@code Scorers.vog(store)} and the {@code "vog"} provider.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.vog;
