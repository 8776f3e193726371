// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ExampleRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The file store's layout on disk and its crash-safe file operations (docs/DESIGN.md sections 2.5 and 2.6).
 *
 * <pre>
 * &lt;store&gt;/manifest.json
 * &lt;store&gt;/static/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.npy
 * &lt;store&gt;/checkpoints/&lt;id&gt;/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.npy                      dense kinds
 * &lt;store&gt;/checkpoints/&lt;id&gt;/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.values.npy + .offsets.npy  ragged kinds
 * &lt;store&gt;/{static,checkpoints/&lt;id&gt;}/pending.json                          journal of an uncommitted capture
 * </pre>
 *
 * @implNote Every file is written with {@link AtomicFiles}: under a temporary name, forced to the
 *     device, moved into place atomically and its directory forced, so that a crash leaves either
 *     the old or the new file.
 */
final class StoreFiles {
    static final String MANIFEST = "manifest.json";
    static final String JOURNAL = "pending.json";
    static final String LOCK = "writer.lock";

    private StoreFiles() {
    }

    /**
     * @param root the store directory
     * @param checkpointId a checkpoint id, or {@code ""} for static artifacts
     * @return the directory holding that scope's artifacts and journal
     */
    static Path scopeDir(Path root, String checkpointId) {
        return checkpointId.isEmpty() ? root.resolve("static") : root.resolve("checkpoints").resolve(checkpointId);
    }

    /**
     * @param root the store directory
     * @param checkpointId a checkpoint id, or {@code ""}
     * @param key the artifact
     * @return the artifact's directory
     */
    static Path artifactDir(Path root, String checkpointId, ArtifactKey key) {
        return scopeDir(root, checkpointId).resolve(key.toString());
    }

    /**
     * @param range a chunk's examples
     * @param ragged whether the kind is ragged
     * @return the chunk's file names: {@code [from-to.npy]} or {@code [from-to.values.npy, from-to.offsets.npy]}
     */
    static String[] chunkNames(ExampleRange range, boolean ragged) {
        String base = range.from() + "-" + range.to();
        return ragged ? new String[] {base + ".values.npy", base + ".offsets.npy"} : new String[] {base + ".npy"};
    }

    /**
     * @param root the store directory
     * @param file a file inside it
     * @return the file's path relative to the store, with {@code /} separators, for messages and the manifest
     */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** @return a fresh SHA-256 digest */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * @param digest a digest that has consumed its input
     * @return lower-case hex
     */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Writes {@code content} to {@code target} crash-safely (see {@link AtomicFiles}).
     *
     * @param target the final path
     * @param content the bytes
     * @return the checksums of the content
     * @throws StoreException if the file cannot be written
     */
    static Manifest.Checksums writeAtomically(Path target, byte[] content) {
        return writeAtomically(target, content, new byte[0], 0, true);
    }

    /**
     * Writes {@code head} followed by the first {@code bodyLength} bytes of {@code body}
     * crash-safely (see {@link AtomicFiles}).
     *
     * @param target the final path
     * @param head the first bytes (an {@code .npy} header)
     * @param body the following bytes (the data)
     * @param bodyLength how many bytes of {@code body} to write
     * @param forceDir whether to force the directory now; if not, the caller must call
     *     {@link #forceDirectory(Path)} before relying on the file's presence after a crash
     * @return the SHA-256 and CRC32C of what was written
     * @throws StoreException if the file cannot be written
     */
    static Manifest.Checksums writeAtomically(Path target, byte[] head, byte[] body, int bodyLength, boolean forceDir) {
        return writeAtomically(target, head, body, bodyLength, true, forceDir);
    }

    /**
     * Like {@link #writeAtomically(Path, byte[], byte[], int, boolean)}, optionally without forcing
     * the file (group commit: the caller forces it later with {@link #force(Path)}).
     *
     * @param target the final path
     * @param head the first bytes
     * @param body the following bytes
     * @param bodyLength how many bytes of {@code body} to write
     * @param forceFile whether to force the file before it is moved into place
     * @param forceDir whether to force the directory now
     * @return the SHA-256 and CRC32C of what was written
     * @throws StoreException if the file cannot be written
     */
    static Manifest.Checksums writeAtomically(Path target, byte[] head, byte[] body, int bodyLength, boolean forceFile,
            boolean forceDir) {
        MessageDigest md = sha256();
        md.update(head);
        md.update(body, 0, bodyLength);
        CRC32C crc = new CRC32C();
        crc.update(head);
        crc.update(body, 0, bodyLength);
        KillPoints.step("write " + target.getFileName());
        try {
            AtomicFiles.write(target, out -> {
                out.write(head);
                out.flush();
                KillPoints.step("partly written " + target.getFileName());
                out.write(body, 0, bodyLength);
            }, forceFile, forceDir);
        } catch (IOException e) {
            throw new StoreException("could not write " + target + ": " + e + "; check free space and permissions,"
                    + " then resume the capture: run the same command again (in code, ArtifactStores.resume(dir))", e);
        }
        KillPoints.step("wrote " + target.getFileName());
        return new Manifest.Checksums(hex(md), crc.getValue());
    }

    /**
     * Forces a directory's entries to the device (see {@link AtomicFiles#forceDirectory(Path)}).
     *
     * @param dir the directory
     */
    static void forceDirectory(Path dir) {
        AtomicFiles.forceDirectory(dir);
    }

    /**
     * Forces a file written without forcing.
     *
     * @param file the file
     * @throws StoreException if it cannot be forced
     */
    static void force(Path file) {
        KillPoints.step("force " + file.getFileName());
        try {
            AtomicFiles.force(file);
        } catch (IOException e) {
            throw new StoreException("could not force " + file + " to the device: " + e + "; check the disk, then"
                    + " resume the capture: run the same command again (in code, ArtifactStores.resume(dir))", e);
        }
    }

    /**
     * Makes sure {@code dir} can hold a new store: absent (then created) or an empty directory.
     *
     * @param dir the store directory
     * @throws StoreException if it holds a store, is a file, is not empty, or cannot be created
     */
    static void createStoreDirectory(Path dir) {
        if (Files.exists(dir.resolve(StoreFiles.MANIFEST))) {
            throw new StoreException(dir.toAbsolutePath() + " already holds an influence4j store ("
                    + StoreFiles.MANIFEST + "); use ArtifactStores.resume(dir) to add checkpoints or"
                    + " ArtifactStores.open(dir) to read it, or choose another directory");
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new StoreException(dir.toAbsolutePath() + " is a file, not a directory; choose a directory");
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(p -> !StoreDirectory.isLeftover(p))) {
                        throw new StoreException(dir.toAbsolutePath() + " is not empty and holds no store; create"
                                + " the store in an empty or new directory");
                    }
                }
            }
            Files.createDirectories(dir);
            KillPoints.step("created " + dir);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + dir.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Deletes a file if present and forces its directory.
     *
     * @param file the file
     */
    /**
     * Deletes a file that nothing lists any more, without forcing its directory (a crash may bring
     * it back, harmlessly); a failure is logged, not thrown, since what it supersedes is committed.
     *
     * @param file the file
     */
    static void deleteUnlisted(Path file) {
        try {
            KillPoints.step("delete " + file.getFileName());
            Files.deleteIfExists(file);
            KillPoints.step("deleted " + file.getFileName());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StoreFiles.class).warn("Could not delete {}, which the manifest no"
                    + " longer lists: {}; it is harmless and may be deleted by hand", file, e.toString());
        }
    }

    static void deleteIfExists(Path file) {
        try {
            KillPoints.step("delete " + file.getFileName());
            if (Files.deleteIfExists(file)) {
                forceDirectory(file.getParent());
            }
            KillPoints.step("deleted " + file.getFileName());
        } catch (IOException e) {
            throw new StoreException("could not delete " + file + ": " + e + "; check permissions", e);
        }
    }
}
