// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
import java.util.Map;

/**
 * A read-only store of one checkpoint: the static artifacts of the streaming run plus the
 * checkpoint just captured (a memory store that is dropped once the checkpoint is scored). The
 * stored scorers read it exactly as they read a store holding that checkpoint alone.
 */
final class WindowStore implements TrainingArtifactStore {
    private final TrainingArtifactStore statics;
    private final TrainingArtifactStore checkpoint;

    /**
     * @param statics a store holding the static artifacts
     * @param checkpoint a store holding the one checkpoint
     */
    WindowStore(TrainingArtifactStore statics, TrainingArtifactStore checkpoint) {
        this.statics = statics;
        this.checkpoint = checkpoint;
    }

    @Override
    public StoreSpec spec() {
        return statics.spec();
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return checkpoint.checkpoints();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
        return statics.staticArtifacts();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
        return checkpoint.artifacts(checkpointId);
    }

    @Override
    public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
        return statics.readStatic(key, range);
    }

    @Override
    public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
        return checkpoint.read(checkpointId, key, range);
    }

    @Override
    public String manifestHash() {
        return "streaming:" + checkpoint.manifestHash();
    }

    @Override
    public void close() {
        // the owner closes both stores
    }
}
