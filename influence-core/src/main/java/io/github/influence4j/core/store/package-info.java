/**
 * The training-artifact store's API (DESIGN.md section 2): what a store holds
 * ({@link io.github.influence4j.core.store.ArtifactKind}, {@link io.github.influence4j.core.store.ArtifactKey},
 * {@link io.github.influence4j.core.store.ArtifactInfo}, {@link io.github.influence4j.core.store.Checkpoint},
 * {@link io.github.influence4j.core.store.StoreSpec}), how it is read
 * ({@link io.github.influence4j.core.store.TrainingArtifactStore},
 * {@link io.github.influence4j.core.store.ArtifactChunk}, {@link io.github.influence4j.core.store.ExampleRange})
 * and written ({@link io.github.influence4j.core.store.ArtifactWriter}).
 *
 * <p>Only interfaces and values: the implementations live in {@code core.store.file} (the
 * default, {@code ArtifactStores}) and {@code core.store.memory} ({@code MemoryStores}), which
 * depend on this package and never the other way round. Scorers and capture code depend on this
 * package alone.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store;
