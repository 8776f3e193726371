// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A store read from a local copy of a remote store; closing it deletes the copy. */
final class LocalCopy implements TrainingArtifactStore {
    private final TrainingArtifactStore delegate;
    private final Path dir;

    LocalCopy(TrainingArtifactStore delegate, Path dir) {
        this.delegate = delegate;
        this.dir = dir;
    }

    @Override
    public StoreSpec spec() {
        return delegate.spec();
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
        return delegate.staticArtifacts();
    }

    @Override
    public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
        return delegate.artifacts(checkpointId);
    }

    @Override
    public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
        return delegate.readStatic(key, range);
    }

    @Override
    public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
        return delegate.read(checkpointId, key, range);
    }

    @Override
    public String manifestHash() {
        return delegate.manifestHash();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a scratch copy
                }
            });
        } catch (IOException e) {
            // best effort: a scratch copy
        }
    }
}
