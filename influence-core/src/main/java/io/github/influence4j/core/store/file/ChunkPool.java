// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A few reusable read buffers, so that reading large chunks does not allocate each time, and,
 * under {@link ChunkVerification#ONCE_PER_OPEN}, the files already verified.
 */
final class ChunkPool {
    private static final int KEEP = 2;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final ChunkVerification verification;
    private final Map<Path, Object> verified = new ConcurrentHashMap<>();

    ChunkPool(ChunkVerification verification) {
        this.verification = verification;
    }

    byte[] take(int size) {
        byte[] b = free.poll();
        return b != null && b.length >= size ? b : new byte[size];
    }

    void give(byte[] b) {
        if (free.size() < KEEP) {
            free.offer(b);
        }
    }

    Object stamp(Path p) throws IOException {
        if (verification != ChunkVerification.ONCE_PER_OPEN) {
            return "";
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
    }

    /** @return the checksum this read of {@code f} must check */
    ChunkSum sumFor(Path p, Object stamp, StoredFile f) {
        if (verification == ChunkVerification.ONCE_PER_OPEN && stamp.equals(verified.get(p))) {
            return ChunkSum.none();
        }
        return verification != ChunkVerification.EVERY_READ_SHA256 && f.hasCrc32c() ? ChunkSum.crc32c() : ChunkSum.sha256();
    }

    void markVerified(Path p, Object stamp) {
        if (verification == ChunkVerification.ONCE_PER_OPEN) {
            verified.put(p, stamp);
        }
    }
}
