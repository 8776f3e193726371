// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.capture;

import io.github.influence4j.core.store.Checkpoint;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * A saved model checkpoint: a SameDiff file ({@code SameDiff.save(file, false)}) on any Hadoop file
 * system and the metadata capture records with it, among which the learning rate eta_c in force
 * (TracIn's weight, Pruthi et al. 2020, Eq. 1).
 *
 * @param model the SameDiff file's URI
 * @param id the checkpoint id
 * @param step the training step
 * @param epoch the epoch in progress
 * @param learningRate the learning rate in force
 * @param seed the run's seed
 * @serial exclude
 */
public record SavedCheckpoint(URI model, String id, long step, int epoch, double learningRate, long seed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks for nulls.
     *
     * @param model the SameDiff file
     * @param id the checkpoint id
     * @param step the step
     * @param epoch the epoch
     * @param learningRate the learning rate
     * @param seed the seed
     */
    public SavedCheckpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(id, "id");
    }

    /**
     * @param model the SameDiff file
     * @param c the checkpoint's metadata
     * @return the saved checkpoint
     */
    public static SavedCheckpoint of(URI model, Checkpoint c) {
        return new SavedCheckpoint(model, c.id(), c.step(), c.epoch(), c.learningRate(), c.seed());
    }

    /** @return the checkpoint's metadata */
    public Checkpoint checkpoint() {
        return Checkpoint.builder(id).step(step).epoch(epoch).learningRate(learningRate).seed(seed).build();
    }
}
