// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.function.BiFunction;

/**
 * The definitions of the training-dynamics scores, all computed from {@code LOGITS} (and
 * {@code LABELS}) over checkpoints; reach them through {@code Scorers} or by name.
 */
public final class DynamicsScorers {
    /** {@code never-learned}: the forgetting score of an example no checkpoint classifies correctly. */
    public static final Option<NeverLearned> NEVER_LEARNED = Option.enumeration("never-learned", NeverLearned.class,
            NeverLearned.CHECKPOINT_COUNT, "CHECKPOINT_COUNT (C, the default) or INFINITY: the score of never-learned"
                    + " examples");

    /**
     * EL2N (Paul et al. 2021, Sec. 3): ||softmax(z_c) - onehot(y)||_2 averaged over the selected
     * checkpoints. Higher is harder. Paul et al. average over runs at an early epoch and Tan et al.
     * use epoch 2: select it with {@code checkpoints}. Softmax in float64 with the row maximum
     * subtracted.
     */
    public static final ScorerDefinition EL2N = logitScore("el2n",
            "EL2N: ||softmax(z) - onehot(y)||_2 averaged over checkpoints (Paul et al. 2021); higher is harder",
            Orientation.HIGHER_IS_HARDER, El2nAccumulator::new);

    /**
     * Area under the margin (Pleiss et al. 2020, Eq. 1-2): the mean over checkpoints of the logit
     * margin z_y - max_{k != y} z_k. Lower is harder.
     */
    public static final ScorerDefinition AUM = logitScore("aum",
            "AUM: mean over checkpoints of the logit margin z_y - max_{k != y} z_k (Pleiss et al. 2020); lower is harder",
            Orientation.LOWER_IS_HARDER, AumAccumulator::new);

    /**
     * Forgetting events (Toneva et al. 2019, Sec. 3): correct-to-incorrect transitions between
     * consecutive selected checkpoints; never-learned examples get {@link #NEVER_LEARNED}. Higher is
     * harder.
     */
    public static final ScorerDefinition FORGETTING = ScorerDefinition.builder("forgetting")
            .description("forgetting events: correct-to-incorrect transitions between consecutive checkpoints"
                    + " (Toneva et al. 2019); higher is harder")
            .orientation(Orientation.HIGHER_IS_HARDER)
            .requires(ArtifactKind.LOGITS, ArtifactKind.LABELS)
            .option(CHECKPOINTS, NEVER_LEARNED)
            .factory((def, store, o) -> ScoringEngine.scorer(def, store, o, LogitScore.overLogits(store, def.name(),
                    o.get(CHECKPOINTS), (y, k) -> new ForgettingAccumulator(y, k, o.get(NEVER_LEARNED)))
                    .warnBelowTwoCheckpoints("no transition can be observed, every count is 0 (or the never-learned"
                            + " value)")))
            .build();

    /**
     * Pointwise V-information (Ethayarajh et al. 2022, Def. 4): log2 p_x(y) - log2 p_null(y), at the
     * last checkpoint holding {@code LOGITS} and {@code NULL_LOGITS} (the mean over the named ones
     * with {@code checkpoints}). Lower is harder.
     */
    public static final ScorerDefinition PVI = ScorerDefinition.builder("pvi")
            .description("pointwise V-information: log2 p_x(y) - log2 p_null(y) from LOGITS and NULL_LOGITS"
                    + " (Ethayarajh et al. 2022); lower is harder")
            .orientation(Orientation.LOWER_IS_HARDER)
            .requires(ArtifactKind.LOGITS, ArtifactKind.NULL_LOGITS, ArtifactKind.LABELS)
            .option(Option.list("checkpoints", "comma-separated checkpoint ids, averaged (default: the last holding"
                    + " LOGITS and NULL_LOGITS)"))
            .factory((def, store, o) -> ScoringEngine.scorer(def, store, o,
                    LogitScore.pvi(store, def.name(), o.get(CHECKPOINTS))))
            .build();

    /** Data-map confidence (Swayamdipta et al. 2020, Sec. 2): mean_c p_c(y). Lower is harder. */
    public static final ScorerDefinition DATA_MAP_CONFIDENCE = dataMapCoordinate(DataMapScorer.CONFIDENCE,
            "data-map confidence: mean over checkpoints of p(y) (Swayamdipta et al. 2020); lower is harder",
            Orientation.LOWER_IS_HARDER, 0);

    /** Data-map variability (Swayamdipta et al. 2020, Sec. 2): population std_c p_c(y). Higher is more ambiguous. */
    public static final ScorerDefinition DATA_MAP_VARIABILITY = dataMapCoordinate(DataMapScorer.VARIABILITY,
            "data-map variability: population std over checkpoints of p(y) (Swayamdipta et al. 2020); higher is more"
                    + " ambiguous", Orientation.HIGHER_IS_HARDER, 1);

    /** Data-map correctness (Swayamdipta et al. 2020, Sec. 2): fraction of checkpoints with argmax = y. Lower is harder. */
    public static final ScorerDefinition DATA_MAP_CORRECTNESS = dataMapCoordinate(DataMapScorer.CORRECTNESS,
            "data-map correctness: fraction of checkpoints with argmax = y (Swayamdipta et al. 2020); lower is harder",
            Orientation.LOWER_IS_HARDER, 2);

    private DynamicsScorers() {
    }

    /**
     * @param store the store to map
     * @param options checkpoints
     * @return the three coordinates of the data map from one pass
     */
    public static DataMapScorer dataMap(TrainingArtifactStore store, OptionValues options) {
        return new DataMapScorer(store, DATA_MAP_CONFIDENCE.resolve(options));
    }

    private static ScorerDefinition logitScore(String name, String description, Orientation orientation,
            BiFunction<int[], Integer, LogitAccumulator> accumulator) {
        return ScorerDefinition.builder(name).description(description).orientation(orientation)
                .requires(ArtifactKind.LOGITS, ArtifactKind.LABELS)
                .option(CHECKPOINTS)
                .factory((def, store, o) -> ScoringEngine.scorer(def, store, o,
                        LogitScore.overLogits(store, def.name(), o.get(CHECKPOINTS), accumulator)))
                .build();
    }

    private static ScorerDefinition dataMapCoordinate(String name, String description, Orientation orientation,
            int index) {
        return ScorerDefinition.builder(name).description(description).orientation(orientation)
                .requires(ArtifactKind.LOGITS, ArtifactKind.LABELS)
                .option(CHECKPOINTS)
                .factory((def, store, o) -> coordinate(new DataMapScorer(store, o), index))
                .build();
    }

    private static InfluenceScorer coordinate(DataMapScorer map, int index) {
        return index == 0 ? map.confidence() : index == 1 ? map.variability() : map.correctness();
    }
}
