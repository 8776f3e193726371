// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.internal;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The static-artifact half of {@link ArtifactWriter}, the same for every store: each call checks
 * that the writer is usable and that the key is static (per-checkpoint kinds go through the open
 * checkpoint's {@link CheckpointHandle}), then hands over to the store's {@link CheckpointHandle.Operations}.
 * Every method holds the store's lock ({@code this}).
 */
public abstract class StaticArtifactWriter implements ArtifactWriter {
    /** The open checkpoint's handle, if any; set and cleared by the store under its lock. */
    protected Optional<CheckpointHandle> open = Optional.empty();

    /** For subclasses. */
    protected StaticArtifactWriter() {
    }

    /** @return the store's writes, past the checks of scope */
    protected abstract CheckpointHandle.Operations operations();

    /** @return the open checkpoint, if any */
    protected final Optional<Checkpoint> openCheckpoint() {
        return open.map(CheckpointHandle::checkpoint);
    }

    /** @throws IllegalStateException if the writer is closed */
    protected abstract void checkWritable();

    private void checkStatic(ArtifactKey key) {
        WriteChecks.checkScope(spec(), key, openCheckpoint(), false);
    }

    @Override
    public final synchronized void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        checkWritable();
        checkStatic(key);
        operations().setAttributes(key, attributes);
    }

    @Override
    public final synchronized void write(ArtifactKey key, int from, INDArray values) {
        checkWritable();
        checkStatic(key);
        operations().write(key, from, values);
    }

    @Override
    public final synchronized void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        checkWritable();
        checkStatic(key);
        operations().writeRagged(key, from, values, lengths);
    }

    @Override
    public final synchronized boolean isComplete(ArtifactKey key, ExampleRange range) {
        checkStatic(key);
        return operations().isComplete(key, range);
    }

    @Override
    public final synchronized void commit() {
        checkWritable();
        if (open.isPresent()) {
            throw WriteChecks.commitWhileOpen(spec(), open.get().checkpoint());
        }
        operations().commit();
    }
}
