// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.scorers.dynamics.DynamicsScorers;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import java.util.List;

/**
 * Every option of the built-in scorers, documented once; set them with
 * {@link io.github.influence4j.core.spi.OptionValues}, or as strings ({@code key=value}) through
 * {@link io.github.influence4j.core.spi.InfluenceScorers} and the CLI's {@code --option}.
 *
 * <pre>{@code
 * InfluenceScorer vog = Scorers.vog(store, OptionValues.builder()
 *         .set(ScorerOptions.SPREAD, Spread.STD).set(ScorerOptions.CHECKPOINTS, List.of("c3", "c9")).build());
 * }</pre>
 *
 * <table class="striped">
 *   <caption>Which scorer takes which option</caption>
 *   <tr><th>option</th><th>scorers</th></tr>
 *   <tr><td>{@link #CHECKPOINTS}</td><td>all</td></tr>
 *   <tr><td>{@link #SPREAD}, {@link #NORMALIZATION}</td><td>vog</td></tr>
 *   <tr><td>{@link #NEVER_LEARNED}</td><td>forgetting</td></tr>
 *   <tr><td>{@link #LAYERS}, {@link #BIAS}</td><td>tracin-self, tracin (train-to-test), grand</td></tr>
 *   <tr><td>{@link #TOP_K}, {@link #USE_LEARNING_RATE}</td><td>tracin-self, tracin, tracin-we*</td></tr>
 *   <tr><td>{@link #MAX_MATRIX_BYTES}</td><td>tracin, tracin-we (train-to-test)</td></tr>
 * </table>
 */
public final class ScorerOptions {
    /** Checkpoint ids to use (kept in training order); empty for every checkpoint holding what the score reads. */
    public static final Option<List<String>> CHECKPOINTS = CheckpointSelection.CHECKPOINTS;
    /** VoG: {@link Spread#VARIANCE} (default, Tan et al. 2023) or {@link Spread#STD} (Agarwal et al. 2022). */
    public static final Option<Spread> SPREAD = io.github.influence4j.scorers.vog.VogScorers.SPREAD;
    /** VoG: {@link Normalization#CLASS} z-score (default), {@link Normalization#DATASET} or {@link Normalization#NONE}. */
    public static final Option<Normalization> NORMALIZATION = io.github.influence4j.scorers.vog.VogScorers.NORMALIZATION;
    /** Forgetting: the score of an example never classified correctly (default C, the checkpoint count). */
    public static final Option<NeverLearned> NEVER_LEARNED = DynamicsScorers.NEVER_LEARNED;
    /** TracIn and GraNd: the parameter groups; the rules are on {@link GradientScorers#LAYERS}. */
    public static final Option<List<String>> LAYERS = GradientScorers.LAYERS;
    /** TracIn and GraNd: include the bias of factored dense layers (default true). */
    public static final Option<Boolean> BIAS = GradientScorers.BIAS;
    /** TracIn and TracIn-WE: positions of the embedding group kept per example and checkpoint (0 = all). */
    public static final Option<Integer> TOP_K = GradientScorers.TOP_K;
    /** TracIn and TracIn-WE: weight checkpoint c by its learning rate eta_c (default true). */
    public static final Option<Boolean> USE_LEARNING_RATE = GradientScorers.USE_LEARNING_RATE;
    /** Train-to-test TracIn and TracIn-WE: the largest matrix {@code matrix()} builds, in bytes (default 512 MiB). */
    public static final Option<Long> MAX_MATRIX_BYTES = GradientScorers.MAX_MATRIX_BYTES;

    private ScorerOptions() {
    }
}
