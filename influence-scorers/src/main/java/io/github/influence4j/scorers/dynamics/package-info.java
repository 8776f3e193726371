// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Scores of the training dynamics, all computed from the logits (and gold labels) of each example
 * over checkpoints: data maps (confidence, variability, correctness; Swayamdipta et al. 2020),
 * forgetting events (Toneva et al. 2019), the area under the margin (Pleiss et al. 2020), EL2N
 * (Paul et al. 2021) and pointwise V-information (Ethayarajh et al. 2022, from {@code LOGITS} and
 * {@code NULL_LOGITS}).
 *
 * <p>Why one package: they read the same artifact in the same loop ({@code LogitScore}) and differ
 * only in a small pure accumulator each; EL2N is an error norm of the logits (not a gradient read)
 * and PVI a log-probability difference of two logit sets, so both live here rather than beside
 * GraNd or in a package of their own. Entry points: {@code Scorers} and {@link
 * io.github.influence4j.scorers.dynamics.DynamicsScorers}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.dynamics;
