// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.file.Path;

/**
 * Static factories for the file store (docs/DESIGN.md sections 2.5 and 2.6): create one, resume
 * writing into one, open one for reading, verify one. The returned objects are the interfaces of
 * {@code core.store}; the implementation stays in this package. For a store held in memory, see
 * {@link io.github.influence4j.core.store.memory.MemoryStores}.
 *
 * <pre>{@code
 * try (ArtifactWriter w = ArtifactStores.create(Path.of("runs/r1/store"), StoreSpec.of("r1", n, 3))) {
 *     w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels);
 *     try (CheckpointWriter c = w.beginCheckpoint(checkpoint)) {
 *         c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, logits);
 *         c.commit();
 *     }
 * }
 * try (TrainingArtifactStore store = ArtifactStores.open(Path.of("runs/r1/store"))) {
 *     InfluenceScores vog = Scorers.vog(store).score();
 * }
 * }</pre>
 */
public final class ArtifactStores {
    private ArtifactStores() {
    }

    /**
     * Creates a file store in an empty or absent directory.
     *
     * @param dir the store directory
     * @param spec the store's shape
     * @return a writer
     * @throws io.github.influence4j.core.exception.StoreException if the directory already holds a store (use
     *     {@link #resume(Path)}) or cannot be written
     */
    public static ArtifactWriter create(Path dir, StoreSpec spec) {
        return create(dir, spec, WriteOptions.defaults());
    }

    /**
     * Creates a file store, writing as {@code options} say (group commit, half precision).
     *
     * @param dir a directory that is absent or empty
     * @param spec the store's shape
     * @param options how to write
     * @return the writer; close it when done
     */
    public static ArtifactWriter create(Path dir, StoreSpec spec, WriteOptions options) {
        return FileArtifactStore.create(dir, spec, options);
    }

    /**
     * Reopens a file store for writing: committed checkpoints stay, an interrupted checkpoint can be
     * resumed with {@link ArtifactWriter#beginCheckpoint} and the same id.
     *
     * @param dir the store directory
     * @return a writer
     */
    public static ArtifactWriter resume(Path dir) {
        return resume(dir, WriteOptions.defaults());
    }

    /**
     * Reopens a file store for writing, as {@code options} say.
     *
     * @param dir the store directory
     * @param options how to write (a resumed artifact keeps the dtype it was begun with)
     * @return a writer
     */
    public static ArtifactWriter resume(Path dir, WriteOptions options) {
        return FileArtifactStore.resume(dir, options);
    }

    /**
     * Deletes a file store, crash-safely: its chunk files, journals and directories first, its
     * manifest last, so that a kill at any moment leaves either a store (perhaps missing files,
     * which deleting again removes) or a directory that {@link #create} accepts as empty. Nothing
     * outside the directory is touched (links are deleted, not followed).
     *
     * @param dir the store directory; nothing happens if it does not exist
     * @throws io.github.influence4j.core.exception.StoreNotFoundException if it holds files but no store
     * @throws io.github.influence4j.core.exception.StoreException if a writer holds the store or a file
     *     cannot be deleted
     */
    public static void delete(Path dir) {
        StoreDirectory.deleteStore(dir);
    }

    /**
     * Opens a file store for reading, failing on NaN or infinity.
     *
     * @param dir the store directory
     * @return the store
     * @throws io.github.influence4j.core.exception.StoreNotFoundException if there is no manifest
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException for a newer format version
     */
    public static TrainingArtifactStore open(Path dir) {
        return FileStoreReader.open(dir, NonFinitePolicy.FAIL, ChunkVerification.EVERY_READ);
    }

    /**
     * @param dir the store directory
     * @param policy what reads do with NaN or infinity
     * @return the store
     */
    public static TrainingArtifactStore open(Path dir, NonFinitePolicy policy) {
        return FileStoreReader.open(dir, policy, ChunkVerification.EVERY_READ);
    }

    /**
     * @param dir the store directory
     * @param policy what reads do with NaN or infinity
     * @param verification how often, and with which checksum, reads check a chunk file (lengths are checked on every read)
     * @return the store
     */
    public static TrainingArtifactStore open(Path dir, NonFinitePolicy policy, ChunkVerification verification) {
        return FileStoreReader.open(dir, policy, verification);
    }

    /**
     * Checks every chunk file of a file store against its manifest: presence, length, SHA-256,
     * and that each holds the array the manifest describes. Reads every byte once; changes nothing.
     *
     * @param dir the store directory
     * @return one result per file; {@link StoreVerification#ok()} says whether all passed
     * @throws io.github.influence4j.core.exception.StoreNotFoundException if there is no manifest
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException for a newer format version
     * @throws io.github.influence4j.core.exception.CorruptStoreException if the manifest itself is damaged
     */
    public static StoreVerification verify(Path dir) {
        return FileStoreReader.open(dir, NonFinitePolicy.ALLOW, ChunkVerification.EVERY_READ).verify();
    }

    /**
     * The cheap part of {@link #verify}: every chunk file the manifest lists is present, a regular
     * file inside the store (no link followed) and of the recorded length. Reads no chunk; finds
     * deleted, replaced and truncated files, not changed bytes (use {@link #verify} for those).
     *
     * @param dir the store directory
     * @return one result per file
     * @throws io.github.influence4j.core.exception.StoreNotFoundException if there is no manifest
     */
    public static StoreVerification checkFiles(Path dir) {
        return FileStoreReader.open(dir, NonFinitePolicy.ALLOW, ChunkVerification.EVERY_READ).checkFiles();
    }
}
