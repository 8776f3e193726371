// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.memory;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;

/**
 * Static factories for a training-artifact store held in memory: the same interface and the same
 * checks as the file store ({@link io.github.influence4j.core.store.file.ArtifactStores}), for
 * tests and runs small enough to keep every artifact on the heap.
 *
 * <pre>{@code
 * try (ArtifactWriter w = MemoryStores.create(StoreSpec.of("r1", n, 3))) {
 *     w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels);
 *     w.commit();
 *     InfluenceScores vog = Scorers.vog(w.store()).score();
 * }
 * }</pre>
 */
public final class MemoryStores {
    private MemoryStores() {
    }

    /**
     * @param spec the store's shape
     * @return an empty in-memory store whose reads fail on NaN or infinity; its
     *     {@link ArtifactWriter#store()} is the read view, which stays readable after the writer is closed
     */
    public static ArtifactWriter create(StoreSpec spec) {
        return new MemoryArtifactStore(spec, NonFinitePolicy.FAIL);
    }

    /**
     * @param spec the store's shape
     * @param policy what reads do with NaN or infinity
     * @return an empty in-memory store
     */
    public static ArtifactWriter create(StoreSpec spec, NonFinitePolicy policy) {
        return new MemoryArtifactStore(spec, policy);
    }
}
