// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.testing;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;

/** The two store implementations every scorer must agree on (docs/DESIGN.md section 2). */
public enum StoreKind {
    /** {@link MemoryStores#create(StoreSpec)}. */
    MEMORY,
    /** {@link ArtifactStores#create(Path, StoreSpec)}, re-opened for reading with {@link ArtifactStores#open(Path)}. */
    FILE;

    /**
     * @param spec the store's shape
     * @param dir an empty directory (used by FILE)
     * @return a writer; a store kind that fails fails the test, never skips it
     */
    public ArtifactWriter writer(StoreSpec spec, Path dir) {
        return this == MEMORY ? MemoryStores.create(spec) : ArtifactStores.create(dir.resolve("store"), spec);
    }

    /**
     * @param writer a writer from {@link #writer} with everything committed
     * @param dir the same directory
     * @return the store to read: the memory store itself, or the file store re-opened from disk
     */
    public TrainingArtifactStore reopen(ArtifactWriter writer, Path dir) {
        if (this == MEMORY) {
            return writer.store();
        }
        writer.close();
        return ArtifactStores.open(dir.resolve("store"));
    }
}
