package io.github.influence4j.core.store;

import io.github.influence4j.core.CorruptStoreException;
import io.github.influence4j.core.IncompatibleStoreException;
import io.github.influence4j.core.StoreException;
import io.github.influence4j.core.store.Manifest.StoredFile;
import io.github.influence4j.core.store.StoreVerification.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads one chunk file of a file store and checks it against the manifest: presence, length,
 * SHA-256, then the {@code .npy} header's dtype and shape.
 *
 * @implNote A file is read once, in blocks that are hashed while still in cache, into one byte
 *     array from which the caller decodes: no second pass over the disk.
 */
final class ChunkFiles {
    private static final int BLOCK = 1 << 20;

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
                    + ", examples " + range + ", " + (checkpointId.isEmpty() ? "static artifacts"
                    : "checkpoint '" + checkpointId + "'") + ", in " + root + ")";
        }

        String remedy() {
            return "Restore the file from a backup, or " + (checkpointId.isEmpty()
                    ? "write the static artifacts again into a new store"
                    : "re-capture checkpoint '" + checkpointId + "' into a new store (a committed checkpoint"
                    + " cannot be rewritten)") + "; ArtifactStores.verify(dir) lists every damaged file.";
        }
    }

    /**
     * The outcome of reading one file.
     *
     * @param status OK or what is wrong
     * @param message empty when OK, else what failed, where, expected versus actual, and what to do
     * @param bytes the file's bytes when OK
     */
    record Result(Status status, String message, byte[] bytes) {
    }

    /**
     * @param o where the file belongs
     * @param f what the manifest records
     * @return the verified bytes or the problem
     */
    static Result read(Origin o, StoredFile f) {
        Path p = o.path(f);
        String expected = f.bytes() + " bytes with SHA-256 " + f.sha256();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != f.bytes()) {
                return new Result(Status.WRONG_LENGTH, o.describe(f) + " has " + size + " bytes, but the manifest"
                        + " records " + f.bytes() + (size < f.bytes() ? ": the file is truncated. " : ": the file grew. ")
                        + o.remedy(), new byte[0]);
            }
            byte[] bytes = new byte[Math.toIntExact(size)];
            MessageDigest md = StoreFiles.sha256();
            int pos = 0;
            while (pos < bytes.length) {
                ByteBuffer bb = ByteBuffer.wrap(bytes, pos, Math.min(BLOCK, bytes.length - pos));
                int start = pos;
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) {
                        return new Result(Status.WRONG_LENGTH, o.describe(f) + " ended after " + bb.position()
                                + " bytes while being read, expected " + expected + ". " + o.remedy(), new byte[0]);
                    }
                }
                pos = bb.position();
                md.update(bytes, start, pos - start);
            }
            String actual = StoreFiles.hex(md);
            if (!actual.equals(f.sha256())) {
                return new Result(Status.WRONG_HASH, o.describe(f) + " has SHA-256 " + actual + ", but the manifest"
                        + " records " + f.sha256() + ": its bytes changed after it was written. " + o.remedy(), new byte[0]);
            }
            return new Result(Status.OK, "", bytes);
        } catch (NoSuchFileException e) {
            return new Result(Status.MISSING, o.describe(f) + " is missing; the manifest records " + expected + ". "
                    + o.remedy(), new byte[0]);
        } catch (IOException e) {
            return new Result(Status.UNREADABLE, o.describe(f) + " could not be read: " + e + ". Check permissions"
                    + " and the disk; " + o.remedy(), new byte[0]);
        }
    }

    /**
     * @param o where the file belongs
     * @param f what the manifest records
     * @return the verified bytes
     * @throws CorruptStoreException if the file is missing, has the wrong length or the wrong hash
     * @throws StoreException if it cannot be read
     */
    static byte[] readOrThrow(Origin o, StoredFile f) {
        Result r = read(o, f);
        return switch (r.status()) {
            case OK -> r.bytes();
            case UNREADABLE -> throw new StoreException(r.message());
            default -> throw new CorruptStoreException(r.message());
        };
    }

    /**
     * Checks that a verified file holds the array the manifest describes.
     *
     * @param o where the file belongs
     * @param f the file
     * @param bytes its verified bytes
     * @param dataType expected dtype
     * @param shape expected full shape
     * @return the parsed header
     * @throws IncompatibleStoreException naming the file, the expected and the actual array
     */
    static Npy.Header checkArray(Origin o, StoredFile f, byte[] bytes, DataType dataType, long[] shape) {
        Npy.Header h;
        try {
            h = Npy.parseHeader(bytes, StoreFiles.relative(o.root(), o.path(f)));
        } catch (IllegalArgumentException e) {
            throw new IncompatibleStoreException(o.describe(f) + " is not a readable .npy array: " + e.getMessage()
                    + ". " + o.remedy(), e);
        }
        if (h.dataType() != dataType || !Arrays.equals(h.shape(), shape) || h.fileSize() != bytes.length) {
            throw new IncompatibleStoreException(o.describe(f) + " holds " + h.dataType() + " " + Arrays.toString(h.shape())
                    + " in " + bytes.length + " bytes, but the manifest says " + o.info().key() + " is " + o.info().dataType()
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
     * @param bytes its verified bytes
     * @return {@code n + 1} offsets, starting at 0, non-decreasing
     * @throws IncompatibleStoreException if they are not
     */
    static long[] offsets(Origin o, StoredFile f, byte[] bytes) {
        int n = o.range().size();
        Npy.Header h = checkArray(o, f, bytes, DataType.LONG, new long[] {n + 1L});
        long[] off = new long[n + 1];
        ByteBuffer.wrap(bytes, h.dataOffset(), (n + 1) * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(off);
        for (int i = 0; i < n; i++) {
            if (off[i + 1] < off[i]) {
                throw new IncompatibleStoreException(o.describe(f) + " holds decreasing offsets at local example " + i
                        + " (" + off[i] + " then " + off[i + 1] + "); offsets must start at 0 and never decrease. "
                        + o.remedy());
            }
        }
        if (off[0] != 0) {
            throw new IncompatibleStoreException(o.describe(f) + " starts at offset " + off[0] + ", expected 0. "
                    + o.remedy());
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
