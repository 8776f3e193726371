// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

/**
 * Which examples an epoch trains on, asked by {@link SnliTrainer} before each epoch: the hook of
 * dynamic data pruning ({@code DynamicPruning::examples} fits it). The default trains on the whole
 * pool every epoch.
 */
@FunctionalInterface
public interface EpochExamples {
    /** Every epoch trains on the whole pool. */
    EpochExamples ALL = (epoch, pool) -> pool;

    /**
     * @param epoch the epoch about to start, 0-based
     * @param pool the run's training examples (the subset of {@link TrainOptions}, or all)
     * @return the example ids to train on in this epoch, a non-empty subset of {@code pool}
     */
    int[] examples(int epoch, int[] pool);
}
