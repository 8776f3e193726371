// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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
        this.score = LogitScore.overLogits(store, NAME_PREFIX, options.get(CHECKPOINTS), DataMapAccumulator::new);
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
        return new Coordinate(CONFIDENCE, DataMap::confidence);
    }

    /** @return variability alone, as a scorer (higher is more ambiguous) */
    public InfluenceScorer variability() {
        return new Coordinate(VARIABILITY, DataMap::variability);
    }

    /** @return correctness alone, as a scorer (lower is harder) */
    public InfluenceScorer correctness() {
        return new Coordinate(CORRECTNESS, DataMap::correctness);
    }

    @Override
    public String toString() {
        return "DataMapScorer[" + options + ", store=" + store.id() + "]";
    }

    /** One coordinate of the map as an {@link InfluenceScorer}. */
    private final class Coordinate implements InfluenceScorer {
        private final String name;
        private final Function<DataMap, InfluenceScores> pick;

        Coordinate(String name, Function<DataMap, InfluenceScores> pick) {
            this.name = name;
            this.pick = pick;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
        }

        @Override
        public InfluenceScores score(ScoreRequest request) {
            return pick.apply(DataMapScorer.this.score(request));
        }

        @Override
        public String toString() {
            return name + " of " + DataMapScorer.this;
        }
    }
}
