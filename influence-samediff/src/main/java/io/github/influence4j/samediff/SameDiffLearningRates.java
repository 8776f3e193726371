// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.capture.LearningRateSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;

/** Learning-rate sources that read a SameDiff graph: eta_c of TracIn as {@code SameDiff.fit} applies it. */
public final class SameDiffLearningRates {
    private SameDiffLearningRates() {
    }

    /**
     * Reads the rate from the graph's {@link TrainingConfig} updater (schedules included), as
     * {@code SameDiff.fit} applies it.
     *
     * @param sd a graph with a training config
     * @return the source; it throws {@link IllegalStateException} when asked while the graph has
     *     no training config updater
     */
    public static LearningRateSource fromTrainingConfig(SameDiff sd) {
        return (i, e) -> {
            TrainingConfig tc = sd.getTrainingConfig();
            if (tc == null || tc.getUpdater() == null) {
                throw new IllegalStateException("SameDiff graph has no TrainingConfig updater; pass"
                        + " LearningRateSource.constant(lr) to the capture listener instead");
            }
            return tc.getUpdater().getLearningRate(i, e);
        };
    }
}
