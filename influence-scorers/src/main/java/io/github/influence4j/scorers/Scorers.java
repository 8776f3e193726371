// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.dynamics.DataMapScorer;
import io.github.influence4j.scorers.dynamics.DynamicsScorers;
import io.github.influence4j.scorers.gradients.GradientScorers;
import io.github.influence4j.scorers.gradients.TracInWeScorer;
import io.github.influence4j.scorers.vog.VogScorers;
import java.util.List;

/**
 * Static factories for every built-in scorer. Each returns an immutable, thread-safe scorer whose
 * checkpoints (and parameter groups) are resolved when it is created, so a missing artifact fails
 * here, not mid-run; scoring streams over example chunks and accumulates in float64. Options are
 * typed ({@link ScorerOptions}); the same scorers are found by name, with options as strings,
 * through {@link io.github.influence4j.core.spi.InfluenceScorers}.
 *
 * <pre>{@code
 * try (TrainingArtifactStore store = ArtifactStores.open(Path.of("runs/snli/store"))) {
 *     InfluenceScores vog = Scorers.vog(store).score();                       // class-normalised variance
 *     InfluenceScores std = Scorers.vog(store, OptionValues.of(ScorerOptions.SPREAD, Spread.STD)).score();
 *     DataMap map = Scorers.dataMap(store).score();                           // confidence, variability, correctness
 *     InfluenceScores el2n = Scorers.el2n(store, OptionValues.of(ScorerOptions.CHECKPOINTS, List.of("epoch-2"))).score();
 *     int hardest = vog.hardest();
 * }
 * }</pre>
 *
 * <table class="striped">
 *   <caption>Scores, their orientation and source</caption>
 *   <tr><th>factory</th><th>name</th><th>hard end</th><th>reads</th></tr>
 *   <tr><td>{@link #vog}</td><td>vog</td><td>higher</td><td>INPUT_GRADS, LABELS</td></tr>
 *   <tr><td>{@link #dataMap}</td><td>data-map-confidence / -variability / -correctness</td>
 *       <td>lower / higher / lower</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #el2n}</td><td>el2n</td><td>higher</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #forgetting}</td><td>forgetting</td><td>higher</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #aum}</td><td>aum</td><td>lower</td><td>LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #pvi}</td><td>pvi</td><td>lower</td><td>LOGITS, NULL_LOGITS, LABELS</td></tr>
 *   <tr><td>{@link #grand}</td><td>grand</td><td>higher</td><td>LAYER_INPUTS + LAYER_OUTPUT_GRADS, PARAM_GRADS,
 *       EMBEDDING_GRADS + TOKEN_IDS</td></tr>
 *   <tr><td>{@link #tracInSelf}</td><td>tracin-self</td><td>higher</td><td>the same, or PROJECTED_GRADS</td></tr>
 *   <tr><td>{@link #tracIn}</td><td>tracin (train-to-test matrix / top-k)</td><td>positive = proponent</td>
 *       <td>the same, in a training and a test store</td></tr>
 *   <tr><td>{@link #tracInWe}</td><td>tracin-we-self, tracin-we-topk-self, tracin-we(-topk)</td>
 *       <td>higher; positive = proponent</td><td>EMBEDDING_GRADS, TOKEN_IDS</td></tr>
 * </table>
 */
public final class Scorers {
    private static final List<ScorerDefinition> ALL = List.of(VogScorers.VOG, DynamicsScorers.DATA_MAP_CONFIDENCE,
            DynamicsScorers.DATA_MAP_VARIABILITY, DynamicsScorers.DATA_MAP_CORRECTNESS, DynamicsScorers.EL2N,
            DynamicsScorers.FORGETTING, DynamicsScorers.AUM, DynamicsScorers.PVI, GradientScorers.GRAND,
            GradientScorers.TRACIN_SELF, GradientScorers.TRACIN_WE_SELF, GradientScorers.TRACIN_WE_TOPK_SELF);

    private Scorers() {
    }

    /** @return the definitions of every built-in scorer offered by name */
    public static List<ScorerDefinition> definitions() {
        return ALL;
    }

    /**
     * Variance of Gradients (Tan et al. 2023, App. B.1, Alg. 1; Agarwal et al. 2022): variance,
     * class normalisation, all checkpoints holding {@code INPUT_GRADS} (at least 2).
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer vog(TrainingArtifactStore store) {
        return vog(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#SPREAD}, {@link ScorerOptions#NORMALIZATION}, {@link ScorerOptions#CHECKPOINTS}
     * @return the Variance of Gradients scorer
     */
    public static InfluenceScorer vog(TrainingArtifactStore store, OptionValues options) {
        return VogScorers.VOG.create(store, options);
    }

    /**
     * Dataset cartography (Swayamdipta et al. 2020): confidence, variability and correctness in one pass.
     *
     * @param store the store
     * @return the data-map scorer over every checkpoint holding {@code LOGITS}
     */
    public static DataMapScorer dataMap(TrainingArtifactStore store) {
        return dataMap(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#CHECKPOINTS}
     * @return the data-map scorer
     */
    public static DataMapScorer dataMap(TrainingArtifactStore store, OptionValues options) {
        return DynamicsScorers.dataMap(store, options);
    }

    /**
     * EL2N (Paul et al. 2021), averaged over every checkpoint holding {@code LOGITS}.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer el2n(TrainingArtifactStore store) {
        return el2n(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#CHECKPOINTS} (Tan et al. use epoch 2)
     * @return the EL2N scorer
     */
    public static InfluenceScorer el2n(TrainingArtifactStore store, OptionValues options) {
        return DynamicsScorers.EL2N.create(store, options);
    }

    /**
     * Forgetting events (Toneva et al. 2019) over every checkpoint holding {@code LOGITS};
     * never-learned examples get C.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer forgetting(TrainingArtifactStore store) {
        return forgetting(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#CHECKPOINTS}, {@link ScorerOptions#NEVER_LEARNED}
     * @return the forgetting scorer
     */
    public static InfluenceScorer forgetting(TrainingArtifactStore store, OptionValues options) {
        return DynamicsScorers.FORGETTING.create(store, options);
    }

    /**
     * Area under the margin (Pleiss et al. 2020) over every checkpoint holding {@code LOGITS}.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer aum(TrainingArtifactStore store) {
        return aum(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#CHECKPOINTS}
     * @return the AUM scorer
     */
    public static InfluenceScorer aum(TrainingArtifactStore store, OptionValues options) {
        return DynamicsScorers.AUM.create(store, options);
    }

    /**
     * Pointwise V-information (Ethayarajh et al. 2022) at the last checkpoint holding {@code LOGITS}
     * and {@code NULL_LOGITS}.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer pvi(TrainingArtifactStore store) {
        return pvi(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#CHECKPOINTS} (averaged)
     * @return the PVI scorer
     */
    public static InfluenceScorer pvi(TrainingArtifactStore store, OptionValues options) {
        return DynamicsScorers.PVI.create(store, options);
    }

    /**
     * GraNd (Paul et al. 2021) over every factored dense layer and parameter group in the store.
     *
     * @param store the store
     * @return the scorer
     */
    public static InfluenceScorer grand(TrainingArtifactStore store) {
        return grand(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#LAYERS}, {@link ScorerOptions#BIAS}, {@link ScorerOptions#CHECKPOINTS}
     * @return the GraNd scorer
     */
    public static InfluenceScorer grand(TrainingArtifactStore store, OptionValues options) {
        return GradientScorers.GRAND.create(store, options);
    }

    /**
     * TracIn self-influence over the last dense layer before the head (Pruthi et al. 2020; Tan et
     * al. 2023), every checkpoint holding it, weighted by learning rate.
     *
     * @param store the store
     * @return the scorer ({@code "tracin-self"}, higher = harder)
     */
    public static InfluenceScorer tracInSelf(TrainingArtifactStore store) {
        return tracInSelf(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#LAYERS}, {@link ScorerOptions#BIAS}, {@link ScorerOptions#TOP_K},
     *     {@link ScorerOptions#USE_LEARNING_RATE}, {@link ScorerOptions#CHECKPOINTS}
     * @return the TracIn self-influence scorer
     */
    public static InfluenceScorer tracInSelf(TrainingArtifactStore store, OptionValues options) {
        return GradientScorers.TRACIN_SELF.create(store, options);
    }

    /**
     * Train-to-test TracIn (Pruthi et al. 2020, Eq. 1) over the last dense layer before the head.
     *
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @return the scorer: {@code matrix()} or {@code topK(k)}
     */
    public static TrainToTestScorer tracIn(TrainingArtifactStore train, TrainingArtifactStore test) {
        return tracIn(train, test, OptionValues.defaults());
    }

    /**
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @param options as {@link #tracInSelf(TrainingArtifactStore, OptionValues)}, plus
     *     {@link ScorerOptions#MAX_MATRIX_BYTES}
     * @return the train-to-test TracIn scorer
     */
    public static TrainToTestScorer tracIn(TrainingArtifactStore train, TrainingArtifactStore test,
            OptionValues options) {
        return GradientScorers.tracIn(train, test, options);
    }

    /**
     * Train-to-test TRAK (Park et al. 2023) over an ensemble of independently trained models, one
     * (training store, test store) pair each; see {@link GradientScorers#trak}.
     *
     * @param trains one training store per model
     * @param tests the matching test stores
     * @param options {@code layers}, {@code bias}, {@code checkpoints}, {@code projection-dim},
     *     {@code projection-seed}, {@code projection}, {@code lambda}, {@code max-matrix-bytes}
     * @return the TRAK scorer ({@code "trak"}, positive = proponent)
     */
    public static TrainToTestScorer trak(List<TrainingArtifactStore> trains, List<TrainingArtifactStore> tests,
            OptionValues options) {
        return GradientScorers.trak(trains, tests, options);
    }

    /**
     * TracIn-WE self-influence over all positions (Yeh et al. 2022).
     *
     * @param store the store (TOKEN_IDS and EMBEDDING_GRADS)
     * @return the scorer ({@code "tracin-we-self"}, higher = harder)
     */
    public static InfluenceScorer tracInWe(TrainingArtifactStore store) {
        return tracInWe(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param options {@link ScorerOptions#TOP_K} (TracIn-WE-Top-k when {@code > 0}),
     *     {@link ScorerOptions#USE_LEARNING_RATE}, {@link ScorerOptions#CHECKPOINTS}
     * @return the scorer, {@code "tracin-we-self"} or {@code "tracin-we-topk-self"}
     */
    public static InfluenceScorer tracInWe(TrainingArtifactStore store, OptionValues options) {
        boolean topK = options.contains(ScorerOptions.TOP_K) && options.get(ScorerOptions.TOP_K) > 0;
        return (topK ? GradientScorers.TRACIN_WE_TOPK_SELF : GradientScorers.TRACIN_WE_SELF).create(store, options);
    }

    /**
     * Train-to-test TracIn-WE (Yeh et al. 2022), sparse over shared tokens, with word-level explanations.
     *
     * @param train the training store
     * @param test the test store, captured at the same checkpoints
     * @return the scorer
     */
    public static TracInWeScorer tracInWe(TrainingArtifactStore train, TrainingArtifactStore test) {
        return tracInWe(train, test, OptionValues.defaults());
    }

    /**
     * @param train the training store
     * @param test the test store
     * @param options {@link ScorerOptions#TOP_K}, {@link ScorerOptions#USE_LEARNING_RATE},
     *     {@link ScorerOptions#CHECKPOINTS}, {@link ScorerOptions#MAX_MATRIX_BYTES}
     * @return the TracIn-WE train-to-test scorer
     */
    public static TracInWeScorer tracInWe(TrainingArtifactStore train, TrainingArtifactStore test,
            OptionValues options) {
        return GradientScorers.tracInWe(train, test, options);
    }
}
