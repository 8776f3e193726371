// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;

/**
 * The reads of one chunk of examples, as float64 arrays checked as {@link ArtifactReads} checks them
 * (every error names the scorer, store, checkpoint, example and artifact). The labels are read once
 * per chunk. Dense artifacts are read straight into float64 arrays
 * ({@link TrainingArtifactStore#readDoubles}), once per checkpoint for all the scores of one pass.
 */
public final class ChunkReads {
    private final TrainingArtifactStore store;
    private final String scorer;
    private final ExampleRange range;
    private final PassReads pass;
    private int[] labels;

    ChunkReads(TrainingArtifactStore store, String scorer, ExampleRange range, PassReads pass) {
        this.store = store;
        this.scorer = scorer;
        this.range = range;
        this.pass = pass;
    }

    /** @return the examples of the chunk */
    public ExampleRange range() {
        return range;
    }

    /** @return the number of examples of the chunk */
    public int size() {
        return range.size();
    }

    /** @return the store */
    public TrainingArtifactStore store() {
        return store;
    }

    /** @return the scorer's name, for messages */
    public String scorer() {
        return scorer;
    }

    /** @return the gold label of every example of the chunk, each in {@code [0, K)} */
    public int[] labels() {
        if (labels == null) {
            labels = pass.labels(range);
        }
        return labels;
    }

    /**
     * @param checkpoint the checkpoint
     * @param key a dense artifact
     * @param width elements per example, or -1 for any
     * @return {@code [n * width]} row-major float64 values; in a pass of scores that opted in
     *     ({@link ChunkScore#chunkSizeFor}) shared with the other scores and valid only during
     *     {@link ChunkAccumulator#add}
     */
    public double[] dense(Checkpoint checkpoint, ArtifactKey key, long width) {
        return pass.dense(checkpoint, key, range, width);
    }

    /**
     * @param checkpoint the checkpoint
     * @param key a ragged artifact
     * @return its real positions
     */
    public ArtifactReads.Ragged ragged(Checkpoint checkpoint, ArtifactKey key) {
        return ArtifactReads.ragged(store, scorer, checkpoint, key, range);
    }

    /**
     * @param key a ragged static artifact (token ids)
     * @return its real positions
     */
    public ArtifactReads.Ragged raggedStatic(ArtifactKey key) {
        return ArtifactReads.raggedStatic(store, scorer, key, range);
    }
}
