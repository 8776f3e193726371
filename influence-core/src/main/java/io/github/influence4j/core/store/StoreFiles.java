package io.github.influence4j.core.store;

import io.github.influence4j.core.exception.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's layout on disk and its crash-safe file operations (DESIGN.md section 2).
 *
 * <pre>
 * &lt;store&gt;/manifest.json
 * &lt;store&gt;/static/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.npy
 * &lt;store&gt;/checkpoints/&lt;id&gt;/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.npy                      dense kinds
 * &lt;store&gt;/checkpoints/&lt;id&gt;/&lt;KEY&gt;/&lt;from&gt;-&lt;to&gt;.values.npy + .offsets.npy  ragged kinds
 * &lt;store&gt;/{static,checkpoints/&lt;id&gt;}/pending.json                          journal of an uncommitted capture
 * </pre>
 *
 * @implNote Every file is written under a temporary name, forced to the device, moved into place
 *     atomically and its directory forced, so that a crash leaves either the old or the new file.
 *     Everything goes through {@link Path}, so another NIO file-system provider can serve a store;
 *     where that provider cannot move atomically or force a directory, the store falls back to a
 *     plain move and logs a warning once.
 */
final class StoreFiles {
    static final String MANIFEST = "manifest.json";
    static final String JOURNAL = "pending.json";
    static final String LOCK = "writer.lock";
    private static final String TMP_SUFFIX = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);
    private static final AtomicBoolean WARNED_MOVE = new AtomicBoolean();

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
     * Writes {@code content} to {@code target} crash-safely: temporary file, force, atomic move,
     * force the directory.
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
     * crash-safely (see {@link #writeAtomically(Path, byte[])}).
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
        Path dir = target.getParent();
        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        MessageDigest md = sha256();
        md.update(head);
        md.update(body, 0, bodyLength);
        CRC32C crc = new CRC32C();
        crc.update(head);
        crc.update(body, 0, bodyLength);
        try {
            ensureDirectory(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] bufs = {ByteBuffer.wrap(head), ByteBuffer.wrap(body, 0, bodyLength)};
                while (bufs[0].hasRemaining() || bufs[1].hasRemaining()) {
                    ch.write(bufs);
                }
                ch.force(true);
            }
            move(tmp, target);
            if (forceDir) {
                forceDirectory(dir);
            }
        } catch (IOException e) {
            throw new StoreException("could not write " + target + ": " + e
                    + "; check free space and permissions, then resume the capture with ArtifactStores.resume", e);
        }
        return new Manifest.Checksums(hex(md), crc.getValue());
    }

    /**
     * Creates a directory and its missing parents, forcing each parent whose entries changed, so
     * that the new directories survive a crash.
     *
     * @param dir the directory
     * @throws IOException if it cannot be created
     */
    static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path existing = dir.toAbsolutePath();
        while (existing.getParent() != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(dir);
        for (Path p = dir.toAbsolutePath(); p != null && !p.equals(existing); p = p.getParent()) {
            forceDirectory(p.getParent());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            if (WARNED_MOVE.compareAndSet(false, true)) {
                LOG.warn("The file system of {} cannot move files atomically; a crash during a commit may leave a"
                        + " damaged manifest", to);
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces a directory's entries to the device, so that a completed move survives a crash. A
     * no-op where the file system does not support it.
     *
     * @param dir the directory
     */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("cannot force directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Deletes a file if present and forces its directory.
     *
     * @param file the file
     */
    static void deleteIfExists(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                forceDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("could not delete " + file + ": " + e + "; check permissions", e);
        }
    }
}
