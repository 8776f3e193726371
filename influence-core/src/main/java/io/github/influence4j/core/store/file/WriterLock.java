// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock a file-store writer holds on {@code <store>/writer.lock}, so that two
 * writers never interleave chunks and manifests. The operating system releases it when the
 * writer's process dies, so a crashed capture can be resumed at once.
 */
final class WriterLock {
    private static final Logger LOG = LoggerFactory.getLogger(WriterLock.class);
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir the store directory
     * @return the held lock
     * @throws StoreException if another writer holds it
     */
    static WriterLock acquire(Path dir) {
        Path file = dir.resolve(StoreFiles.LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + " to lock the store for writing: " + e
                    + "; check permissions", e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot lock {} ({}); make sure no other writer uses this store", file, e.toString());
            return new WriterLock(ch, null);
        }
        if (l == null) {
            close(ch);
            throw new StoreException("store at " + dir.toAbsolutePath() + " is being written by another writer ("
                    + StoreFiles.LOCK + " is locked); close that writer first: two writers would corrupt the capture");
        }
        KillPoints.step("locked " + file);
        return new WriterLock(ch, l);
    }

    /** Releases the lock. Idempotent. */
    void release() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("Cannot release the store lock: {}", e.toString());
        }
        close(channel);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.warn("Cannot close the store lock file: {}", e.toString());
        }
    }
}
