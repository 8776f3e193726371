// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link CheckpointWriter} that both stores return from {@code beginCheckpoint}: it keeps its
 * own state (open, committed, closed), checks that each key is a per-checkpoint kind, and calls
 * the store's {@link Operations} under the store's lock. So both stores reject a misuse of the
 * handle with the same exception and message.
 */
public final class CheckpointHandle implements CheckpointWriter {

    /**
     * A store's writes, past the checks of scope: the handle calls them for its per-checkpoint
     * artifacts (the store's writer may call the same for static ones). Every method is called
     * with the store's lock held, after the handle checked its state and the key's scope.
     */
    public interface Operations {
        /**
         * @param handle the handle about to be used
         * @throws IllegalStateException if the writer is closed, or {@code handle} is no longer its
         *     open checkpoint
         */
        void checkOpen(CheckpointHandle handle);

        /**
         * @param key an artifact
         * @param attributes its attributes
         */
        void setAttributes(ArtifactKey key, Map<String, String> attributes);

        /**
         * @param key a dense artifact
         * @param from first example
         * @param values the values
         */
        void write(ArtifactKey key, int from, INDArray values);

        /**
         * @param key a ragged artifact
         * @param from first example
         * @param values the values
         * @param lengths real positions per example
         */
        void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths);

        /**
         * @param key an artifact
         * @param range examples
         * @return whether every example of the range is written
         */
        boolean isComplete(ArtifactKey key, ExampleRange range);

        /** Commits the pending static artifacts and the open checkpoint, if any, together. */
        void commit();

        /**
         * Ends the open checkpoint without a commit.
         *
         * @param handle the handle being closed; a no-op unless it is the open checkpoint
         */
        void abandon(CheckpointHandle handle);
    }

    private final Object lock;
    private final StoreSpec spec;
    private final Checkpoint checkpoint;
    private final Operations store;
    private boolean committed;
    private boolean closed;

    /**
     * @param lock the store's lock
     * @param spec the store's spec
     * @param checkpoint the checkpoint begun
     * @param store the store's operations on its open checkpoint
     */
    public CheckpointHandle(Object lock, StoreSpec spec, Checkpoint checkpoint, Operations store) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        synchronized (lock) {
            checkUsable(key);
            store.setAttributes(key, attributes);
        }
    }

    @Override
    public void write(ArtifactKey key, int from, INDArray values) {
        synchronized (lock) {
            checkUsable(key);
            store.write(key, from, values);
        }
    }

    @Override
    public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        synchronized (lock) {
            checkUsable(key);
            store.writeRagged(key, from, values, lengths);
        }
    }

    @Override
    public boolean isComplete(ArtifactKey key, ExampleRange range) {
        synchronized (lock) {
            checkUsable(key);
            return store.isComplete(key, range);
        }
    }

    @Override
    public void commit() {
        synchronized (lock) {
            checkUsable();
            store.commit();
            committed = true;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (committed || closed) {
                return;
            }
            closed = true;
            store.abandon(this);
        }
    }

    @Override
    public String toString() {
        return "CheckpointWriter[" + spec.storeId() + ", " + checkpoint.id()
                + (committed ? ", committed]" : closed ? ", closed]" : "]");
    }

    private void checkUsable() {
        if (committed || closed) {
            throw WriteChecks.checkpointEnded(spec, checkpoint, committed);
        }
        store.checkOpen(this);
    }

    private void checkUsable(ArtifactKey key) {
        checkUsable();
        WriteChecks.checkScope(spec, key, Optional.of(checkpoint), true);
    }
}
