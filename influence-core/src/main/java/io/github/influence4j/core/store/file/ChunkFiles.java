// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import io.github.influence4j.core.store.file.StoreVerification.Status;
import io.github.influence4j.core.store.internal.ReadChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Checks of one chunk file of a file store against the manifest: presence, length, SHA-256
 * ({@link ChunkBytes}), then the {@code .npy} header's dtype and shape and, for ragged kinds, the
 * offsets; and the messages that say what failed, where, expected versus actual, and what to do.
 */
final class ChunkFiles {
    private ChunkFiles() {
    }

    /**
     * Where a chunk file belongs, for messages.
     *
     * @param root the store directory
     * @param storeId the store id
     * @param checkpointId the checkpoint, or {@code ""} for static artifacts
     * @param info the artifact
     * @param range the chunk's examples
     */
    record Origin(Path root, String storeId, String checkpointId, ArtifactInfo info, ExampleRange range) {
        Path path(StoredFile f) {
            return StoreFiles.artifactDir(root, checkpointId, info.key()).resolve(f.name());
        }

        String describe(StoredFile f) {
            return "chunk file " + StoreFiles.relative(root, path(f)) + " of store '" + storeId + "' (" + info.key()
                    + ", examples " + range + ", " + ReadChecks.where(checkpointId) + ", in " + root + ")";
        }

        String remedy() {
            return "Restore the file from a backup, or " + (checkpointId.isEmpty()
                    ? "write the static artifacts again into a new store"
                    : "re-capture checkpoint '" + checkpointId + "' into a new store (a committed checkpoint"
                    + " cannot be rewritten)") + "; ArtifactStores.verify(dir) lists every damaged file.";
        }
    }

    /**
     * The outcome of checking one file's bytes.
     *
     * @param status OK or what is wrong
     * @param message empty when OK, else what failed, where, expected versus actual, and what to do
     * @param bytes the file's bytes when OK
     */
    record Result(Status status, String message, byte[] bytes) {
    }

    static String lengthMessage(Origin o, StoredFile f, long size) {
        return o.describe(f) + " has " + size + " bytes, but the manifest records " + f.bytes()
                + (size < f.bytes() ? ": the file is truncated. " : ": the file grew. ") + o.remedy();
    }

    static String missingMessage(Origin o, StoredFile f) {
        return o.describe(f) + " is missing; the manifest records " + f.bytes() + " bytes with SHA-256 " + f.sha256()
                + ". " + o.remedy();
    }

    static String checksumMessage(Origin o, StoredFile f, String checksum, String actual, String expected) {
        return o.describe(f) + " has " + checksum + " " + actual + ", but the manifest records " + expected
                + ": its bytes changed after it was written. " + o.remedy();
    }

    static String unreadableMessage(Origin o, StoredFile f, IOException e) {
        return o.describe(f) + " could not be read: " + e + ". Check permissions and the disk; " + o.remedy();
    }

    /**
     * Reads one file and checks presence, length, SHA-256 and (where recorded) CRC32C, for
     * {@link StoreVerification}.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @return the verified bytes or the problem
     */
    static Result read(Origin o, StoredFile f) {
        ChunkBytes b;
        try {
            b = ChunkBytes.read(o, f, new ChunkBytes.Pool(ChunkVerification.EVERY_READ_SHA256));
        } catch (CorruptStoreException e) {
            return new Result(e.getMessage().contains(" is missing;") ? Status.MISSING : Status.WRONG_LENGTH,
                    e.getMessage(), new byte[0]);
        } catch (StoreException e) {
            return new Result(Status.UNREADABLE, e.getMessage(), new byte[0]);
        }
        try {
            b.verify();
            if (f.hasCrc32c()) {
                CRC32C crc = new CRC32C();
                crc.update(b.bytes(), 0, b.length());
                if (crc.getValue() != f.crc32c()) {
                    return new Result(Status.WRONG_HASH, checksumMessage(o, f, "CRC32C",
                            String.format(Locale.ROOT, "%08x", crc.getValue()),
                            String.format(Locale.ROOT, "%08x", f.crc32c())) + " (its SHA-256 matches: the manifest's"
                            + " CRC32C entry was edited)", new byte[0]);
                }
            }
            return new Result(Status.OK, "", b.bytes());
        } catch (CorruptStoreException e) {
            return new Result(Status.WRONG_HASH, e.getMessage(), new byte[0]);
        }
    }

    /**
     * Checks that a file holds the array the manifest describes.
     *
     * @param o where the file belongs
     * @param f the file
     * @param bytes its bytes (a buffer that may be longer)
     * @param length the file's length
     * @param dataType expected dtype
     * @param shape expected full shape
     * @return the parsed header
     * @throws IncompatibleStoreException naming the file, the expected and the actual array
     */
    static Npy.Header checkArray(Origin o, StoredFile f, byte[] bytes, int length, DataType dataType, long[] shape) {
        Npy.Header h;
        try {
            h = Npy.parseHeader(bytes, StoreFiles.relative(o.root(), o.path(f)));
        } catch (IllegalArgumentException e) {
            throw new IncompatibleStoreException(o.describe(f) + " is not a readable .npy array: " + e.getMessage()
                    + ". " + o.remedy(), e);
        }
        if (h.dataType() != dataType || !Arrays.equals(h.shape(), shape) || h.fileSize() != length) {
            throw new IncompatibleStoreException(o.describe(f) + " holds " + h.dataType() + " " + Arrays.toString(h.shape())
                    + " in " + length + " bytes, but the manifest says " + o.info().key() + " is " + o.info().dataType()
                    + " with per-example shape " + o.info().exampleShape() + ", so expected " + dataType + " "
                    + Arrays.toString(shape) + "; the file and the manifest disagree (the store was edited or written"
                    + " by another tool). " + o.remedy());
        }
        return h;
    }

    /**
     * Decodes and checks a ragged chunk's offsets file.
     *
     * @param o where the file belongs
     * @param f the offsets file
     * @param bytes its bytes (a buffer that may be longer)
     * @param length the file's length
     * @return {@code n + 1} offsets, starting at 0, non-decreasing
     * @throws IncompatibleStoreException if they are not
     */
    static long[] offsets(Origin o, StoredFile f, byte[] bytes, int length) {
        int n = o.range().size();
        Npy.Header h = checkArray(o, f, bytes, length, DataType.LONG, new long[] {n + 1L});
        long[] off = new long[n + 1];
        ByteBuffer.wrap(bytes, h.dataOffset(), (n + 1) * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(off);
        if (off[0] != 0) {
            throw new IncompatibleStoreException(o.describe(f) + " starts at offset " + off[0] + ", expected 0. "
                    + o.remedy());
        }
        for (int i = 0; i < n; i++) {
            if (off[i + 1] < off[i]) {
                throw new IncompatibleStoreException(o.describe(f) + " holds decreasing offsets at local example " + i
                        + " (" + off[i] + " then " + off[i + 1] + "); offsets must start at 0 and never decrease. "
                        + o.remedy());
            }
        }
        return off;
    }

    /**
     * @param info the artifact
     * @param rows the leading dimension
     * @return {@code [rows, ...exampleShape]}
     */
    static long[] shape(ArtifactInfo info, long rows) {
        long[] es = info.shape();
        long[] s = new long[es.length + 1];
        s[0] = rows;
        System.arraycopy(es, 0, s, 1, es.length);
        return s;
    }
}
