// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ExampleRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking every chunk file of a file store against its manifest: presence,
 * length, SHA-256, and the {@code .npy} header's dtype and shape (and, for ragged kinds, the
 * offsets). Made by {@link ArtifactStores#verify(Path)}; the CLI's {@code inspect --verify} prints it.
 *
 * @param store the store directory
 * @param storeId the store id from the manifest
 * @param files one result per chunk file, in manifest order (static artifacts first, then
 *     checkpoints in commit order)
 */
public record StoreVerification(Path store, String storeId, List<FileResult> files) {

    /**
     * Copies the list.
     *
     * @param store the store directory
     * @param storeId the store id from the manifest
     * @param files one result per chunk file, in manifest order (static artifacts first, then
     *     checkpoints in commit order)
     */
    public StoreVerification {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(storeId, "storeId");
        files = List.copyOf(files);
    }

    /** @return true if every file passed */
    public boolean ok() {
        return files.stream().allMatch(f -> f.status() == Status.OK);
    }

    /** @return the files that failed, in order */
    public List<FileResult> failures() {
        return files.stream().filter(f -> f.status() != Status.OK).toList();
    }

    /** @return the bytes the manifest records over all files */
    public long totalBytes() {
        return files.stream().mapToLong(FileResult::bytes).sum();
    }

    /** What a check found for one file. */
    public enum Status {
        /** Present, with the recorded length, SHA-256 and CRC32C, holding the array the manifest describes. */
        OK,
        /** The file does not exist. */
        MISSING,
        /** The path is not a regular file inside the store: a symbolic link, a directory, a FIFO or a device. */
        NOT_A_FILE,
        /** The file is shorter (truncated) or longer than recorded. */
        WRONG_LENGTH,
        /** The file's SHA-256 (or CRC32C) differs from the recorded one: its bytes changed. */
        WRONG_HASH,
        /** The bytes are intact but the array's dtype, shape or offsets disagree with the manifest. */
        BAD_ARRAY,
        /** The file could not be read (permissions, I/O error). */
        UNREADABLE
    }

    /**
     * The check of one chunk file.
     *
     * @param file the path relative to the store, e.g. {@code checkpoints/c0/LOGITS/0-1024.npy}
     * @param checkpointId the checkpoint, or {@code ""} for a static artifact
     * @param key the artifact
     * @param range the chunk's examples
     * @param bytes the length the manifest records
     * @param status the outcome
     * @param message empty when OK; else what failed, expected versus actual, and what to do
     */
    public record FileResult(String file, String checkpointId, ArtifactKey key, ExampleRange range, long bytes,
            Status status, String message) {
        /**
         * Checks for nulls.
         *
         * @param file the path relative to the store, e.g. {@code checkpoints/c0/LOGITS/0-1024.npy}
         * @param checkpointId the checkpoint, or {@code ""} for a static artifact
         * @param key the artifact
         * @param range the chunk's examples
         * @param bytes the length the manifest records
         * @param status the outcome
         * @param message empty when OK; else what failed, expected versus actual, and what to do
         */
        public FileResult {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(checkpointId, "checkpointId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }
}
