// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The file store (docs/DESIGN.md sections 2.5 and 2.6): {@code manifest.json} plus {@code .npy} chunk files that
 * numpy opens without our code. {@link io.github.influence4j.core.store.file.ArtifactStores} is the
 * entry point (create, resume, open, verify, delete) and
 * {@link io.github.influence4j.core.store.file.StoreVerification} the result of a verification;
 * everything else here is the on-disk format and is package-private: the manifest and its codec,
 * the capture journal, chunk reads and writes, checksums and the writer lock.
 *
 * <p>The manifest records, for every chunk file, its length and SHA-256 (as docs/DESIGN.md section 2.5
 * specifies) and, since 0.1.0, its CRC32C and whether all its values are finite ({@code "crc32c"},
 * {@code "allFinite"}; both optional, so older stores still open). Reads check the CRC32C by
 * default ({@link io.github.influence4j.core.store.ChunkVerification}) because SHA-256 on every
 * read capped them at about 1 GB/s per core; {@code ArtifactStores.verify} and
 * {@code influence4j inspect --verify} compare all three. The {@code allFinite} record is not
 * covered by any checksum, so reads that reject NaN scan the values whatever it says; verify
 * reports a record that lies.
 *
 * <p>Nothing read is trusted before it is checked against the bytes on disk: files are regular
 * files under the store's own directories (checked and opened without following links), and every
 * size from the manifest, a header or an offsets file must fit the file's length before anything
 * is allocated from it. {@code KillPoints} is a test hook that halts the JVM at a chosen step of
 * the create, commit and delete sequences.
 *
 * <p>Apart from {@code core.store} so that the store's API (interfaces and values) can be read,
 * implemented and depended on without the format, and so that a change of format touches one
 * package. Depends on {@code core.store}, {@code core.store.internal} and {@code core.io}; nothing
 * in {@code core} depends on it.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.store.file;
