// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import java.util.List;

/**
 * Writes a store: static artifacts on the writer itself, each checkpoint through the
 * {@link CheckpointWriter} that {@link #beginCheckpoint} returns, which makes it visible
 * atomically with {@link CheckpointWriter#commit()}.
 *
 * <pre>{@code
 * try (ArtifactWriter w = ArtifactStores.create(dir, StoreSpec.of("run1", n, 3))) {
 *     w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels);        // static: visible at the next commit
 *     try (CheckpointWriter c = w.beginCheckpoint(Checkpoint.builder("c0").step(100).learningRate(1e-3).build())) {
 *         for (...) c.write(ArtifactKey.of(ArtifactKind.LOGITS), from, batchLogits);
 *         c.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), from, rows, lengths);
 *         c.commit();                                                 // LABELS and all of c0 appear at once
 *     }
 * }
 * }</pre>
 *
 * <p>Rules, checked with errors that name the artifact, the range and what to do (see also
 * {@link ArtifactSink}):
 * <ul>
 *   <li>Static kinds are written here, at any time; per-checkpoint kinds only through the
 *       {@link CheckpointWriter} of the open checkpoint. One checkpoint is open at a time.</li>
 *   <li>A commit requires every artifact written since the last commit to cover all N examples.
 *       A checkpoint id can be committed once.</li>
 *   <li>Resume: {@link #beginCheckpoint} with the id and metadata of an uncommitted checkpoint
 *       found in the store keeps its durable chunks; {@link CheckpointWriter#isComplete} tells
 *       which ranges can be skipped.</li>
 * </ul>
 * Closing a writer with an open checkpoint leaves it invisible (and resumable in the file store);
 * nothing committed is ever lost.
 */
public interface ArtifactWriter extends ArtifactSink, AutoCloseable {

    /** @return the spec the store was created with */
    @Override
    StoreSpec spec();

    /** @return the committed checkpoints, in order */
    List<Checkpoint> committedCheckpoints();

    /**
     * Starts (or resumes) a checkpoint.
     *
     * @param checkpoint the checkpoint's metadata
     * @return the writer of its artifacts; commit it, and close it (try-with-resources)
     * @throws IllegalStateException if another checkpoint is open
     * @throws io.github.influence4j.core.exception.ConfigurationException if the id is already committed, or
     *     an uncommitted checkpoint with that id exists with different metadata
     */
    CheckpointWriter beginCheckpoint(Checkpoint checkpoint);

    /**
     * Makes the static artifacts written since the last commit visible, atomically. A no-op when
     * none was written. To publish static artifacts together with a checkpoint, commit the
     * checkpoint instead ({@link CheckpointWriter#commit()}).
     *
     * @throws io.github.influence4j.core.exception.ConfigurationException if an artifact does not cover all N
     *     examples
     * @throws IllegalStateException if a checkpoint is open: commit or close it first
     */
    void commit();

    /** @return a read view of what is committed */
    TrainingArtifactStore store();

    /** Closes the writer; an open checkpoint stays uncommitted. */
    @Override
    void close();
}
