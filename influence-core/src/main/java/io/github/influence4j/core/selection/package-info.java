// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Selection: turns {@link io.github.influence4j.core.InfluenceScores} into training subsets, and
 * analyses scores against each other and against known label noise (docs/DESIGN.md section 4). Scorers
 * compute, selection decides.
 *
 * <p>Policies ({@link io.github.influence4j.core.selection.SelectionPolicy}, built by
 * {@link io.github.influence4j.core.selection.Selections} or parsed from a spec such as
 * {@code prune-easy:0.3}) follow Tan, Minakova and Anand, "Influence Scores at Scale for Efficient
 * Language Data Sampling" (EMNLP 2023): prune or keep the easy or hard fraction by rank, softmax and
 * linear score-proportional sampling without replacement, uniform random and stratified sampling,
 * each with a class-balanced variant. {@link io.github.influence4j.core.selection.LabelNoise} injects
 * the paper's shuffled-label noise; {@link io.github.influence4j.core.selection.ScoreAnalysis} holds
 * the agreement and mislabel-detection metrics.
 *
 * <p>Every policy respects the score's {@link io.github.influence4j.core.Orientation}, so "easy" and
 * "hard" mean the same thing for every score, and every result is a
 * {@link io.github.influence4j.core.selection.Selection} that records what was done.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.selection;
