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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    /**
     * The most a {@code .npy} header may add to its array's bytes: numpy pads version-1 headers,
     * whose length field has 16 bits, to a multiple of 64. A file longer than its array plus this
     * is not that array, whatever its header says.
     */
    static final long MAX_HEADER = (1 << 16) + 64;
    /** The largest file read into one heap buffer (the JVM's array limit, with a margin). */
    static final long MAX_HEAP_FILE = Integer.MAX_VALUE - 64;

    private ChunkFiles() {
    }

    /**
     * Checks, without following any link, that a chunk file and each directory between the store
     * and it are what the store writes: directories, then a regular file with the manifest's
     * length. A symbolic link (to a file or a directory, inside or outside the store), a FIFO, a
     * device or a directory where the file should be is refused before anything opens it, so that
     * no read leaves the store and none blocks.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @return the file's length, equal to {@link StoredFile#bytes()}
     * @throws CorruptStoreException if it is missing, not a regular file, or has another length
     * @throws StoreException if its attributes cannot be read
     */
    static long checkRegularFile(Origin o, StoredFile f) {
        Path file = o.path(f);
        Path cur = o.root();
        for (Path name : o.root().relativize(file)) {
            cur = cur.resolve(name);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(cur, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new CorruptStoreException(missingMessage(o, f), e);
            } catch (IOException e) {
                throw new StoreException(unreadableMessage(o, f, e), e);
            }
            boolean last = cur.equals(file);
            if (last ? !a.isRegularFile() : !a.isDirectory()) {
                throw new CorruptStoreException(notRegularMessage(o, f, cur, a));
            }
            if (last) {
                if (a.size() != f.bytes()) {
                    throw new CorruptStoreException(lengthMessage(o, f, a.size()));
                }
                return a.size();
            }
        }
        throw new IllegalStateException(file + " is not inside " + o.root());
    }

    /**
     * Before anything is allocated for a file's array: checks the file ({@link #checkRegularFile})
     * and that its length fits the array the manifest describes, at least the array's bytes and at
     * most {@link #MAX_HEADER} more. A file that does not fit is explained without reading it into
     * memory ({@link ChunkBytes#mismatch}: damaged, or disagreeing with the manifest).
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @param dataType the expected dtype
     * @param shape the expected full shape
     * @throws CorruptStoreException or {@link IncompatibleStoreException} naming the file
     */
    static void checkFits(Origin o, StoredFile f, DataType dataType, long[] shape) {
        checkRegularFile(o, f);
        long payload;
        try {
            payload = Npy.elementSize(dataType);
            for (long d : shape) {
                payload = Math.multiplyExact(payload, d);
            }
        } catch (ArithmeticException e) {
            payload = Long.MAX_VALUE;
        }
        if (payload > f.bytes() || f.bytes() - payload > MAX_HEADER) {
            throw ChunkBytes.mismatch(o, f, dataType, shape);
        }
    }

    static String notRegularMessage(Origin o, StoredFile f, Path at, BasicFileAttributes a) {
        String what = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory"
                : a.isOther() ? "a FIFO, socket or device" : "a regular file";
        boolean self = at.equals(o.path(f));
        return o.describe(f) + " is not a regular file inside the store: " + (self ? "it" : "its directory "
                + StoreFiles.relative(o.root(), at)) + " is " + what + "; chunk files must be regular files under the"
                + " store's own directories (no link is followed). " + o.remedy();
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
                    + " cannot be rewritten)") + "; ArtifactStores.verify(dir) (or 'influence4j inspect --store DIR"
                    + " --verify') lists every damaged file.";
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
            b = ChunkBytes.read(o, f, new ChunkPool(ChunkVerification.EVERY_READ_SHA256));
        } catch (StoreException e) {
            return failed(e);
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
     * @param e why a file failed a check before or while it was read
     * @return the result saying so
     */
    static Result failed(StoreException e) {
        String m = e.getMessage();
        Status s = e instanceof IncompatibleStoreException ? Status.BAD_ARRAY
                : !(e instanceof CorruptStoreException) ? Status.UNREADABLE
                : m.contains(" is missing;") ? Status.MISSING
                : m.contains(" is not a regular file inside the store") ? Status.NOT_A_FILE
                : m.contains(": its bytes changed after it was written") ? Status.WRONG_HASH : Status.WRONG_LENGTH;
        return new Result(s, m, new byte[0]);
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
    static Npy.Header checkArray(Origin o, StoredFile f, byte[] bytes, long length, DataType dataType, long[] shape) {
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
