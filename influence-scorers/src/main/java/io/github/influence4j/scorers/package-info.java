// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The built-in scorers: {@link io.github.influence4j.scorers.Scorers} (typed factories),
 * {@link io.github.influence4j.scorers.ScorerOptions} (every option, documented once) and
 * {@link io.github.influence4j.scorers.BuiltInScorers} (their {@link java.util.ServiceLoader} entry).
 *
 * <p>Packages by what a score reads: {@code vog} (input gradients over checkpoints),
 * {@code dynamics} (logits over checkpoints: data maps, forgetting, AUM, EL2N, PVI) and
 * {@code gradients} (per-example parameter gradients: TracIn, TracIn-WE, GraNd, with one
 * parameter-group selector). Each is an accumulator plus a {@link io.github.influence4j.core.spi.ScorerDefinition}
 * on the engine of {@code core.spi}; their implementations are package-private.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers;
