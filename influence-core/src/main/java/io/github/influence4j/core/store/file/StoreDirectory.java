// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.exception.StoreNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store directory as a whole, as a kill may leave it: what counts as the leftovers of a
 * create killed before its first manifest, the temporary files of interrupted writes, reading the
 * manifest and journals without following links, and deleting a store manifest last.
 */
final class StoreDirectory {
    private StoreDirectory() {
    }

    /**
     * @param p an entry of a directory without a manifest
     * @return whether it is what a create killed before its first manifest leaves: the lock file or
     *     the manifest's temporary file (a directory holding only these counts as empty)
     */
    static boolean isLeftover(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && (name.equals(StoreFiles.LOCK) || name.equals("." + StoreFiles.MANIFEST + ".tmp"));
    }

    /**
     * Deletes the temporary files ({@code .<name>.tmp}) that writes killed before their rename left
     * in the store, so that they stop using space. Call with the writer lock held.
     *
     * @param root the store directory
     */
    static void deleteTemporaryFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) { // does not follow links
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                    .toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete the temporary files of an interrupted write in " + root + ": " + e
                    + "; check permissions", e);
        }
    }

    /** The largest manifest or journal read (far beyond any real store's). */
    static final long MAX_METADATA = 1L << 30;

    /**
     * Reads the manifest or a journal: a regular file, not a link, FIFO or device (checked without
     * following links, so the read neither leaves the store nor blocks), of at most
     * {@link #MAX_METADATA} bytes.
     *
     * @param file the file
     * @return its bytes
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws StoreException if it is not a regular file or too large
     * @throws IOException if it cannot be read
     */
    static byte[] readMetadata(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new CorruptStoreException(file.toAbsolutePath() + " is " + (a.isSymbolicLink() ? "a symbolic link"
                    : a.isDirectory() ? "a directory" : "a FIFO, socket or device") + ", not a regular file; a store's"
                    + " files must be regular files under its directory (no link is followed)");
        }
        if (a.size() > MAX_METADATA) {
            throw new CorruptStoreException(file.toAbsolutePath() + " has " + a.size() + " bytes, more than any store's"
                    + " metadata (" + MAX_METADATA + "); it is not a file this library wrote");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bb = ByteBuffer.allocate((int) a.size());
            while (bb.hasRemaining() && ch.read(bb) >= 0) {
                // read it all
            }
            return Arrays.copyOf(bb.array(), bb.position());
        }
    }

    /**
     * Deletes a file store (see {@link ArtifactStores#delete}).
     *
     * @param dir the store directory
     */
    static void deleteStore(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path manifest = dir.resolve(StoreFiles.MANIFEST);
        boolean store = Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new StoreNotFoundException(dir.toAbsolutePath() + " is not a directory, so not an influence4j"
                        + " store; nothing was deleted");
            }
            if (!store) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(p -> !isLeftover(p))) {
                        throw new StoreNotFoundException(dir.toAbsolutePath() + " holds files but no influence4j store ("
                                + StoreFiles.MANIFEST + " does not exist there); nothing was deleted");
                    }
                }
            }
            WriterLock lock = WriterLock.acquire(dir);
            try {
                // everything but the manifest first: a kill meanwhile leaves a store to delete again
                List<Path> rest;
                try (Stream<Path> s = Files.walk(dir)) { // does not follow links
                    rest = s.filter(p -> !p.equals(dir) && !p.equals(manifest) && !p.equals(dir.resolve(StoreFiles.LOCK)))
                            .sorted(Comparator.reverseOrder()).toList();
                }
                for (Path p : rest) {
                    KillPoints.step("delete " + StoreFiles.relative(dir, p));
                    Files.deleteIfExists(p);
                }
                StoreFiles.forceDirectory(dir);
                StoreFiles.deleteIfExists(manifest); // from here on, a directory that create accepts as empty
            } finally {
                lock.release();
            }
            StoreFiles.deleteIfExists(dir.resolve(StoreFiles.LOCK));
            Files.deleteIfExists(dir);
            KillPoints.step("deleted " + dir);
        } catch (IOException e) {
            throw new StoreException("could not delete the store at " + dir.toAbsolutePath() + ": " + e
                    + "; check permissions, then delete it again", e);
        }
    }
}
