// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Scores read from per-example parameter gradients captured at checkpoints: TracIn self-influence
 * and train-to-test influence (Pruthi et al. 2020; exact from factored dense layers or dense
 * parameter gradients, approximate from seeded random projections), TracIn-WE (Yeh et al. 2022) as
 * TracIn over the word embeddings, and GraNd (Paul et al. 2021), the norm of the same gradients.
 *
 * <p>Why one package: the three select and read the same parameter groups, with the same options
 * ({@code layers}, {@code bias}, {@code checkpoints}, documented once on
 * {@link io.github.influence4j.scorers.gradients.GradientScorers#LAYERS}) through one selector
 * ({@code TracInPlan}, {@code LayerResolver}, {@code GradientReader}); TracIn sums eta-weighted
 * squared norms or inner products of them, GraNd averages their norms. Only the definitions, the
 * TracIn-WE explanation types and {@link io.github.influence4j.scorers.gradients.GradientProjection}
 * (which capture code uses to write {@code PROJECTED_GRADS}) are public.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.gradients;
