// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.Set;

/**
 * Computes one per-example score from a training-artifact store. Immutable and thread-safe once
 * built; obtain one from the {@code Scorers} facade of {@code influence-scorers} or by name through
 * {@link io.github.influence4j.core.spi.InfluenceScorers}.
 *
 * <pre>{@code
 * InfluenceScorer vog = InfluenceScorers.create("vog", store, Map.of("normalization", "CLASS"));
 * InfluenceScores scores = vog.score();
 * }</pre>
 */
public interface InfluenceScorer {
    /** @return the stable kebab-case id, e.g. {@code "vog"}, {@code "tracin-self"} */
    String name();

    /** @return the artifact kinds this scorer reads */
    Set<ArtifactKind> requiredArtifacts();

    /**
     * Scores every example.
     *
     * @return the scores
     * @throws InfluenceException (subtypes only) on bad input, a damaged store or cancellation
     */
    default InfluenceScores score() {
        return score(ScoreRequest.allExamples());
    }

    /**
     * @param request which examples, listener, cancellation, chunk size
     * @return the scores of the requested examples
     * @throws InfluenceException (subtypes only) on bad input, a damaged store or cancellation
     */
    InfluenceScores score(ScoreRequest request);
}
