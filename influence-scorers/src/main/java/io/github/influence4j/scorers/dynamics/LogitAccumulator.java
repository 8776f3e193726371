// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

/**
 * Pure per-chunk arithmetic of a score computed from logits over checkpoints: one instance per
 * chunk of examples, fed one checkpoint at a time, in training order.
 */
interface LogitAccumulator {
    /**
     * @param logits {@code [n * K]} logits of this checkpoint, row-major
     * @param nullLogits {@code [n * K]} null-model logits of this checkpoint, or empty when unused
     */
    void add(double[] logits, double[] nullLogits);

    /** @return one array of n values per output score */
    double[][] results();
}
