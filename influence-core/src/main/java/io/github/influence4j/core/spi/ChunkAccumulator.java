// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.store.Checkpoint;

/**
 * The arithmetic of a score for one chunk of examples: fed every selected checkpoint in training
 * order, then asked for one value per example. One instance per chunk, used by one thread; the
 * {@link ScoringEngine} owns everything else (chunks, checkpoints, progress, cancellation, subsets,
 * provenance). If it also implements {@link AutoCloseable}, the engine closes it after the chunk.
 */
public interface ChunkAccumulator {
    /**
     * Adds one checkpoint.
     *
     * @param checkpoint the checkpoint, in training order
     * @param chunk the chunk's reads (range, labels, artifacts at any checkpoint)
     */
    void add(Checkpoint checkpoint, ChunkReads chunk);

    /** @return one value per example of the chunk */
    double[] result();

    /**
     * @return one array of values per output, for a score with several outputs from one pass (the
     *     data map); the default is {@code {result()}}
     */
    default double[][] results() {
        return new double[][] {result()};
    }
}
