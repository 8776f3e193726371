// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The training-artifact store's API (docs/DESIGN.md section 2): what a store holds
 * ({@link io.github.influence4j.core.store.ArtifactKind}, {@link io.github.influence4j.core.store.ArtifactKey},
 * {@link io.github.influence4j.core.store.ArtifactInfo}, {@link io.github.influence4j.core.store.Checkpoint},
 * {@link io.github.influence4j.core.store.StoreSpec}), how it is read
 * ({@link io.github.influence4j.core.store.TrainingArtifactStore},
 * {@link io.github.influence4j.core.store.ArtifactChunk}, {@link io.github.influence4j.core.store.ExampleRange},
 * {@link io.github.influence4j.core.store.ArtifactRequirements}) and how it is written: static
 * artifacts on the {@link io.github.influence4j.core.store.ArtifactWriter}, each checkpoint through
 * the {@link io.github.influence4j.core.store.CheckpointWriter} that
 * {@code ArtifactWriter.beginCheckpoint} returns, both
 * {@link io.github.influence4j.core.store.ArtifactSink}s.
 *
 * <p>Only interfaces and values, so that scorers and capture code depend on what a store is and
 * not on how one is kept. The implementations live beside it and depend on it, never the other way
 * round: {@code core.store.file} (the default, on disk; entry point {@code ArtifactStores}) and
 * {@code core.store.memory} ({@code MemoryStores}); {@code core.store.internal} holds the checks
 * both share. {@code PackageCyclesTest} keeps it so.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store;
