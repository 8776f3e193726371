// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

/**
 * The learning rate in force at a step: eta_c of TracIn (Pruthi et al. 2020, Eq. 1), recorded in
 * every {@link io.github.influence4j.core.store.Checkpoint}. A SameDiff graph's own schedule is
 * read by {@code io.github.influence4j.samediff.SameDiffLearningRates.fromTrainingConfig(sd)}.
 */
@FunctionalInterface
public interface LearningRateSource {
    /**
     * @param iteration the 0-based iteration that just finished
     * @param epoch the epoch
     * @return the learning rate used for that update
     */
    double learningRate(int iteration, int epoch);

    /**
     * @param lr a constant rate
     * @return a source returning it
     */
    static LearningRateSource constant(double lr) {
        return (i, e) -> lr;
    }
}
