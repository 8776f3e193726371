// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

/**
 * Receives progress from a scoring run. Every method has an empty default; implement what you
 * need. Exceptions thrown by a listener are logged once and otherwise ignored: a listener cannot
 * break a scoring run.
 */
public interface ScoringListener {
    /** A listener that does nothing. */
    ScoringListener NONE = new ScoringListener() {
    };

    /**
     * @param scorer the scorer's name
     * @param totalExamples the number of examples to score
     */
    default void onStart(String scorer, int totalExamples) {
    }

    /**
     * Called after each chunk.
     *
     * @param scorer the scorer's name
     * @param examplesDone examples scored so far
     * @param totalExamples the number of examples to score
     */
    default void onProgress(String scorer, int examplesDone, int totalExamples) {
    }

    /**
     * @param scorer the scorer's name
     * @param message something the user should know (a degenerate class, an ignored option)
     */
    default void onWarning(String scorer, String message) {
    }

    /**
     * @param scorer the scorer's name
     * @param scores the result
     */
    default void onComplete(String scorer, InfluenceScores scores) {
    }
}
