// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import java.util.Collection;
import java.util.List;

/**
 * Checks and messages shared by the reads of every {@link io.github.influence4j.core.store.TrainingArtifactStore}, so that both
 * stores answer the same request with the same message.
 */
public final class ReadChecks {
    private ReadChecks() {
    }

    /**
     * @param checkpointId a checkpoint id, or {@code ""} for static artifacts
     * @return "static artifacts" or "checkpoint 'id'"
     */
    public static String where(String checkpointId) {
        return checkpointId.isEmpty() ? "static artifacts" : "checkpoint '" + checkpointId + "'";
    }

    /**
     * @param spec the store spec
     * @param checkpointId the id asked for
     * @param committed the committed checkpoints
     * @return the exception to throw
     */
    public static IllegalArgumentException noSuchCheckpoint(StoreSpec spec, String checkpointId, List<Checkpoint> committed) {
        return new IllegalArgumentException("store '" + spec.storeId() + "' has no committed checkpoint '"
                + checkpointId + "'; committed: " + committed.stream().map(Checkpoint::id).toList());
    }

    /**
     * @param spec the store spec
     * @param key the artifact asked for
     * @param checkpointId the checkpoint, or {@code ""}
     * @param present what the store holds there
     * @return the exception to throw
     */
    public static MissingArtifactException missingArtifact(StoreSpec spec, ArtifactKey key, String checkpointId,
            Collection<ArtifactKey> present) {
        return new MissingArtifactException("store '" + spec.storeId() + "' has no " + key + " at "
                + where(checkpointId) + "; it holds " + present + ". Capture " + key.kind()
                + (checkpointId.isEmpty() ? " as a static artifact" : " at that checkpoint")
                + " first, or choose a scorer or checkpoint that uses what the store holds.");
    }

    /**
     * @param spec the store spec
     * @param range a range to read
     * @throws IndexOutOfBoundsException if it exceeds {@code [0, N)}
     */
    public static void checkRange(StoreSpec spec, ExampleRange range) {
        if (range.to() > spec.numExamples()) {
            throw new IndexOutOfBoundsException("range " + range + " exceeds [0, " + spec.numExamples()
                    + ") of store '" + spec.storeId() + "'");
        }
    }

    /**
     * @param spec the store spec
     * @param checkpointId the checkpoint id passed to {@code read}
     * @param key the artifact
     */
    public static void checkNotEmptyId(StoreSpec spec, String checkpointId, ArtifactKey key) {
        if (checkpointId.isEmpty()) {
            throw new IllegalArgumentException("checkpoint id is empty; use readStatic for " + key + " (store '"
                    + spec.storeId() + "')");
        }
    }
}
