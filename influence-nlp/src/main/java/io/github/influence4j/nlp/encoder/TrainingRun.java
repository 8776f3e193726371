// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import java.util.List;

/**
 * What a training run did.
 *
 * @param epochs per-epoch timings
 * @param steps total optimizer steps
 */
public record TrainingRun(List<Epoch> epochs, int steps) {
    /**
     * Copies the list.
     *
     * @param epochs per-epoch timings
     * @param steps total optimizer steps
     */
    public TrainingRun {
        epochs = List.copyOf(epochs);
    }

    /**
     * @param epoch 0-based epoch
     * @param steps optimizer steps in it
     * @param seconds wall time of the epoch (listeners such as capture included)
     */
    public record Epoch(int epoch, int steps, double seconds) {
    }

    /** @return mean seconds per epoch */
    public double meanEpochSeconds() {
        return epochs.stream().mapToDouble(Epoch::seconds).average().orElse(Double.NaN);
    }
}
