// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.Set;

/**
 * Computes the influence of training examples (one store) on test examples (another store, scored
 * with the same checkpoints), as TracIn and TracIn-WE do (docs/DESIGN.md sections 1.1, 3.2 and 3.3). Immutable
 * and thread-safe once built. Sign convention: positive = proponent.
 *
 * <pre>{@code
 * TrainToTestScorer tracIn = Scorers.tracIn(trainStore, testStore);
 * InfluenceMatrix small = tracIn.matrix();           // [test x train], refused beyond a memory limit
 * TopInfluences top = tracIn.topK(10);               // bounded memory, any size
 * }</pre>
 *
 * <p>A {@link ScoreRequest}'s example subset selects <em>test</em> examples; every training
 * example is scored. Its chunk size applies to both stores.
 */
public interface TrainToTestScorer {
    /** @return the stable kebab-case id, e.g. {@code "tracin"} */
    String name();

    /** @return the artifact kinds read from both stores */
    Set<ArtifactKind> requiredArtifacts();

    /**
     * @return the {@code [test x train]} matrix over every test example
     * @throws ConfigurationException if it would exceed the scorer's memory limit (use {@link #topK})
     */
    default InfluenceMatrix matrix() {
        return matrix(ScoreRequest.allExamples());
    }

    /**
     * @param request which test examples, listener, cancellation, chunk size
     * @return the {@code [test x train]} matrix
     * @throws ConfigurationException if it would exceed the scorer's memory limit (use {@link #topK})
     */
    InfluenceMatrix matrix(ScoreRequest request);

    /**
     * @param k proponents and opponents to keep per test example, {@code >= 1}
     * @return the top-k lists of every test example
     */
    default TopInfluences topK(int k) {
        return topK(k, ScoreRequest.allExamples());
    }

    /**
     * Scans training chunks against test chunks, keeping O(k) per test example: memory is bounded
     * by the chunk sizes, never by {@code test x train}.
     *
     * @param k proponents and opponents to keep per test example, {@code >= 1}
     * @param request which test examples, listener, cancellation, chunk size
     * @return the top-k lists
     */
    TopInfluences topK(int k, ScoreRequest request);
}
