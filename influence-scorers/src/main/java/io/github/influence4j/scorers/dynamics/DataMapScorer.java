// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;

/**
 * Dataset cartography (Swayamdipta et al. 2020, Sec. 2): confidence, variability and correctness of
 * every example from one pass over {@code LOGITS}. Immutable; its checkpoints are resolved when it
 * is built ({@code Scorers.dataMap(store)}).
 *
 * <pre>{@code
 * DataMap map = Scorers.dataMap(store).score();
 * InfluenceScores ambiguous = map.variability();
 * }</pre>
 */
public final class DataMapScorer {
    /** Prefix of the three score names: {@code "data-map"}. */
    public static final String NAME_PREFIX = "data-map";
    /** Name of the confidence score. */
    public static final String CONFIDENCE = NAME_PREFIX + "-confidence";
    /** Name of the variability score. */
    public static final String VARIABILITY = NAME_PREFIX + "-variability";
    /** Name of the correctness score. */
    public static final String CORRECTNESS = NAME_PREFIX + "-correctness";

    private final TrainingArtifactStore store;
    private final OptionValues options;
    private final LogitScore score;

    DataMapScorer(TrainingArtifactStore store, OptionValues options) {
        this.store = store;
        this.options = options;
        this.score = LogitScore.overLogits(store, NAME_PREFIX, options.get(CHECKPOINTS), DataMapAccumulator::new)
                .sharedAs(NAME_PREFIX);
    }

    /** @return the data map of every example */
    public DataMap score() {
        return score(ScoreRequest.allExamples());
    }

    /**
     * @param request which examples, listener, cancellation, chunk size
     * @return the data map of the requested examples
     */
    public DataMap score(ScoreRequest request) {
        List<InfluenceScores> s = ScoringEngine.run(NAME_PREFIX, List.of(DynamicsScorers.DATA_MAP_CONFIDENCE,
                DynamicsScorers.DATA_MAP_VARIABILITY, DynamicsScorers.DATA_MAP_CORRECTNESS), store, options, score,
                request);
        return new DataMap(s.get(0), s.get(1), s.get(2));
    }

    /** @return confidence alone, as a scorer (lower is harder) */
    public InfluenceScorer confidence() {
        return ScoringEngine.outputScorer(DynamicsScorers.DATA_MAP_CONFIDENCE, store, options, score, 0);
    }

    /** @return variability alone, as a scorer (higher is more ambiguous) */
    public InfluenceScorer variability() {
        return ScoringEngine.outputScorer(DynamicsScorers.DATA_MAP_VARIABILITY, store, options, score, 1);
    }

    /**
     * @return correctness alone, as a scorer (lower is harder). Scored together with the other
     *     coordinates through {@link ScoringEngine#scoreAll}, the three share one accumulator.
     */
    public InfluenceScorer correctness() {
        return ScoringEngine.outputScorer(DynamicsScorers.DATA_MAP_CORRECTNESS, store, options, score, 2);
    }

    @Override
    public String toString() {
        return "DataMapScorer[" + options + ", store=" + store.id() + "]";
    }
}
