// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

import java.util.Objects;

/**
 * One labelled SNLI sentence pair.
 *
 * @param sourceIndex 0-based row number of the pair in its source file (rows with gold label
 *     {@code -} count), so that a pair can be traced back to the release
 * @param label the gold label
 * @param premise sentence 1, as written
 * @param hypothesis sentence 2, as written
 * @param pairId the official pairID, or {@code ""} where the source lacks it
 */
public record SnliPair(int sourceIndex, SnliLabel label, String premise, String hypothesis, String pairId) {
    /**
     * Checks for nulls and a negative index.
     *
     * @param sourceIndex 0-based row number of the pair in its source file (rows with gold label
     *     {@code -} count), so that a pair can be traced back to the release
     * @param label the gold label
     * @param premise sentence 1, as written
     * @param hypothesis sentence 2, as written
     * @param pairId the official pairID, or {@code ""} where the source lacks it
     */
    public SnliPair {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(premise, "premise");
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(pairId, "pairId");
        if (sourceIndex < 0) {
            throw new IllegalArgumentException("sourceIndex must be >= 0, was " + sourceIndex);
        }
    }
}
