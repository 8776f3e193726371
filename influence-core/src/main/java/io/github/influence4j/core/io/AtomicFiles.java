// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe file replacement: the content is written to a temporary file in the target's
 * directory, forced to the device, moved over the target atomically, and the directory is forced,
 * so that a crash at any moment leaves either the old file or the new one, never a torn one.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/scores.npy"), out -> Npy.write(values, out));
 * }</pre>
 *
 * @implNote The one place where influence4j replaces a file: the store's chunks and manifest,
 *     score and matrix exports, and the examples' result files all go through {@link #write}.
 *     The temporary file is {@code .<name>.tmp} beside the target. Everything goes through
 *     {@link Path}, so another NIO file-system provider can serve the files; where that provider
 *     cannot move atomically the file is moved plainly (a warning is logged once), and where it
 *     cannot force a directory that step is skipped.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final AtomicBoolean WARNED_MOVE = new AtomicBoolean();
    private static final int BUFFER = 1 << 16;

    private AtomicFiles() {
    }

    /** Writes a file's content into a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream; closing it is allowed and does not close the file
         * @throws IOException on write failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} crash-safely with {@code content}, creating missing parent
     * directories.
     *
     * @param target the file to write
     * @param content what to write into it
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, true);
    }

    /**
     * Replaces {@code target} crash-safely with {@code bytes}.
     *
     * @param target the file to write
     * @param bytes its content
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes), true);
    }

    /**
     * Replaces {@code target} crash-safely with {@code content}, optionally leaving the final step
     * (forcing the directory) to the caller: for a writer that moves several files into one
     * directory and forces it once.
     *
     * @param target the file to write
     * @param content what to write into it
     * @param forceDirectory whether to force the directory now; if not, call
     *     {@link #forceDirectory(Path)} before relying on the file's presence after a crash
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, Content content, boolean forceDirectory) throws IOException {
        write(target, content, true, forceDirectory);
    }

    /**
     * Replaces {@code target} atomically with {@code content}, optionally without forcing anything:
     * the file is then safe against a killed process (the page cache keeps it) but not against a
     * crash of the machine until {@link #force(Path)} and {@link #forceDirectory(Path)} ran; a
     * group-committing writer forces many files at once that way.
     *
     * @param target the file to write
     * @param content what to write into it
     * @param forceFile whether to force the file's content to the device before the move
     * @param forceDirectory whether to force the directory after the move
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, Content content, boolean forceFile, boolean forceDirectory)
            throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        createDirectories(dir);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(ch)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len); // FilterOutputStream would write byte by byte
                }

                @Override
                public void close() throws IOException {
                    flush(); // the channel stays open: it is forced below
                }
            }, BUFFER);
            content.writeTo(out);
            out.flush();
            if (forceFile) {
                ch.force(true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        try {
            move(tmp, abs);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp); // a full disk must not keep the partial copy too
            throw e;
        }
        if (forceDirectory) {
            forceDirectory(dir);
        }
    }

    /**
     * Creates a directory and its missing parents, forcing each parent whose entries changed, so
     * that the new directories survive a crash.
     *
     * @param dir the directory
     * @throws IOException if it cannot be created
     */
    public static void createDirectories(Path dir) throws IOException {
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

    /**
     * Forces a file written without forcing ({@link #write(Path, Content, boolean, boolean)}) to the device.
     *
     * @param file the file
     * @throws IOException if it cannot be opened or forced
     */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Forces a directory's entries to the device, so that a completed move survives a crash. A
     * no-op where the file system does not support it.
     *
     * @param dir the directory
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("cannot force directory {}: {}", dir, e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            if (WARNED_MOVE.compareAndSet(false, true)) {
                LOG.warn("The file system of {} cannot move files atomically; a crash while a file is replaced may"
                        + " leave it damaged", to);
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            LOG.debug("cannot delete the temporary file {}: {}", tmp, e.toString());
        }
    }
}
