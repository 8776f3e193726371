// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/** One running checksum of a file: CRC32C, SHA-256, or none for a file verified earlier. */
final class ChunkSum {
    private final String name;
    private final @Nullable CRC32C crc;
    private final @Nullable MessageDigest md;
    private @Nullable String value;

    private ChunkSum(String name, @Nullable CRC32C crc, @Nullable MessageDigest md) {
        this.name = name;
        this.crc = crc;
        this.md = md;
    }

    static ChunkSum none() {
        return new ChunkSum("none", null, null);
    }

    static ChunkSum crc32c() {
        return new ChunkSum("CRC32C", new CRC32C(), null);
    }

    static ChunkSum sha256() {
        return new ChunkSum("SHA-256", null, StoreFiles.sha256());
    }

    void update(byte[] b, int off, int len) {
        if (crc != null) {
            crc.update(b, off, len);
        } else if (md != null) {
            md.update(b, off, len);
        }
    }

    void update(ByteBuffer b) {
        if (crc != null) {
            crc.update(b);
        } else if (md != null) {
            md.update(b);
        }
    }

    /** @return the value, formatted as the manifest records it ({@code ""} for none) */
    String value() {
        if (value == null) {
            value = crc != null ? hex8(crc.getValue()) : md != null ? StoreFiles.hex(md) : "";
        }
        return value;
    }

    /**
     * @param f the file's manifest entry
     * @return whether the checksum equals the recorded one (for none: always), without formatting
     */
    boolean matches(StoredFile f) {
        return crc != null ? crc.getValue() == f.crc32c() : md == null || value().equals(f.sha256());
    }

    String expected(StoredFile f) {
        return crc != null ? hex8(f.crc32c()) : md != null ? f.sha256() : "";
    }

    String name() {
        return name;
    }

    private static String hex8(long v) {
        return String.format(Locale.ROOT, "%08x", v);
    }
}
