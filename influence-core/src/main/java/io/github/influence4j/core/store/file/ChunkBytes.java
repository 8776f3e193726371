// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.file.ChunkFiles.Origin;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import io.github.influence4j.core.store.internal.NonFiniteCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bytes of one chunk file, read once and checksummed as they arrive. The caller decodes, then
 * calls {@link #verify()} before handing anything out (so that a damaged file is reported as
 * damaged even when decoding it fails first), and {@link #release()} when done with the bytes.
 * {@link #readInto} instead reads a whole chunk's payload straight into an array's off-heap buffer.
 *
 * @implNote Which checksum a read checks ({@link ChunkVerification}): by default the CRC32C the
 *     manifest records for the file (about 10 GB/s per core with the JDK's intrinsic, so reads run
 *     near the page cache's rate), or its SHA-256 for files of older stores that record none (about
 *     1 GB/s per core here, the slowest step of a read); {@code ArtifactStores.verify} always
 *     compares SHA-256. Files are read in 1 MiB blocks, each checksummed while still in cache.
 *     Read buffers come from a small pool per store so that large chunks do not churn the heap.
 *     Under {@link ChunkVerification#ONCE_PER_OPEN}, a file verified earlier by the same store whose
 *     size, modification time and file key are unchanged is not checked again.
 */
final class ChunkBytes {
    private static final int BLOCK = 1 << 20;
    /** Read block of {@link #readInto}: well inside a core's L2 cache. */
    private static final int CACHE_BLOCK = 1 << 18;
    /** Enough for the headers this store writes (128 bytes) and most others; longer ones are read in full. */
    private static final int HEADER_PROBE = 256;

    private final Origin origin;
    private final StoredFile file;
    private final ChunkPool pool;
    private final Object stamp;
    private final ChunkSum sum;
    private byte[] bytes;

    private ChunkBytes(Origin origin, StoredFile file, ChunkPool pool, byte[] bytes, Object stamp, ChunkSum sum) {
        this.origin = origin;
        this.file = file;
        this.pool = pool;
        this.bytes = bytes;
        this.stamp = stamp;
        this.sum = sum;
    }

    /**
     * Reads a chunk file whose length matches the manifest, checksumming it unless already verified.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @param pool the buffer pool
     * @return the bytes, {@link #length()} long, not yet compared with the manifest's checksum
     * @throws CorruptStoreException if the file is missing or its length differs
     * @throws StoreException if it cannot be read
     */
    static ChunkBytes read(Origin o, StoredFile f, ChunkPool pool) {
        Path path = o.path(f);
        ChunkFiles.checkRegularFile(o, f);
        if (f.bytes() > ChunkFiles.MAX_HEAP_FILE) {
            throw new StoreException(o.describe(f) + " has " + f.bytes() + " bytes, more than one read can hold (2 GiB);"
                    + " write the store with a smaller chunk size");
        }
        try (FileChannel ch = open(path)) {
            Object stamp = pool.stamp(path); // taken before reading: a later change gives another stamp
            checkLength(o, f, ch.size());
            ChunkSum sum = pool.sumFor(path, stamp, f);
            int size = (int) f.bytes();
            byte[] b = pool.take(size);
            int pos = 0;
            while (pos < size) {
                ByteBuffer bb = ByteBuffer.wrap(b, pos, Math.min(BLOCK, size - pos));
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) {
                        pool.give(b);
                        throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, bb.position()));
                    }
                }
                sum.update(b, pos, bb.position() - pos);
                pos = bb.position();
            }
            return new ChunkBytes(o, f, pool, b, stamp, sum);
        } catch (NoSuchFileException e) {
            throw new CorruptStoreException(ChunkFiles.missingMessage(o, f), e);
        } catch (IOException e) {
            throw new StoreException(ChunkFiles.unreadableMessage(o, f, e), e);
        }
    }

    /**
     * Opens a file that {@link ChunkFiles#checkRegularFile} found regular, without following a
     * link that replaced it since.
     */
    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Explains a file whose length or header does not fit the array the manifest describes,
     * holding one block of it at a time: its checksum, streamed, says whether its bytes changed;
     * if they did not, its header says how it disagrees with the manifest.
     *
     * @param o where the file belongs
     * @param f what the manifest records (its length was checked against the disk)
     * @param dataType the expected dtype
     * @param shape the expected full shape
     * @return the exception to throw
     */
    static RuntimeException mismatch(Origin o, StoredFile f, DataType dataType, long[] shape) {
        RuntimeException e = explain(o, f, dataType, shape);
        return e != null ? e : new IncompatibleStoreException(o.describe(f) + " has " + f.bytes() + " bytes, which do"
                + " not fit " + dataType + " " + Arrays.toString(shape) + " as the manifest describes (" + o.info().key()
                + " with per-example shape " + o.info().exampleShape() + "); the file and the manifest disagree (the"
                + " store was edited or written by another tool). " + o.remedy());
    }

    /** @return why the file is not the array described, or null if it is */
    private static @Nullable RuntimeException explain(Origin o, StoredFile f, DataType dataType, long[] shape) {
        try (FileChannel ch = open(o.path(f))) {
            ChunkSum sum = f.hasCrc32c() ? ChunkSum.crc32c() : ChunkSum.sha256();
            byte[] block = new byte[(int) Math.max(1, Math.min(BLOCK, f.bytes()))];
            byte[] head = new byte[0];
            for (long pos = 0; pos < f.bytes(); ) {
                int len = (int) Math.min(block.length, f.bytes() - pos);
                readFully(ch, ByteBuffer.wrap(block, 0, len), pos, o, f);
                if (pos == 0) {
                    head = Arrays.copyOf(block, len);
                }
                sum.update(block, 0, len);
                pos += len;
            }
            if (!sum.value().equals(sum.expected(f))) {
                return new CorruptStoreException(ChunkFiles.checksumMessage(o, f, sum.name(), sum.value(),
                        sum.expected(f)));
            }
            ChunkFiles.checkArray(o, f, head, f.bytes(), dataType, shape);
            return null;
        } catch (RuntimeException e) {
            return e;
        } catch (NoSuchFileException e) {
            return new CorruptStoreException(ChunkFiles.missingMessage(o, f), e);
        } catch (IOException e) {
            return new StoreException(ChunkFiles.unreadableMessage(o, f, e), e);
        }
    }

    /**
     * Reads a whole chunk file's array straight into {@code out}'s off-heap buffer (no heap copy),
     * checking its header against the manifest and its checksum as {@link #read} does.
     *
     * @param o where the file belongs
     * @param f what the manifest records
     * @param pool the buffer pool (verification state)
     * @param dataType the expected dtype
     * @param shape the expected full shape of the file's array
     * @param out a C-ordered array of {@code dataType} that owns its buffer
     * @param outElement where in {@code out} (in elements) the file's first element goes
     * @param checkFinite whether to make sure there is no NaN or infinity: floating-point values
     *     are scanned as they arrive, whatever the manifest's {@code allFinite} record says (that
     *     record is not covered by any checksum, so it cannot prove anything)
     * @return true if {@code checkFinite} and every value is known finite; false otherwise (not
     *     checked, the heap path, or a non-finite value)
     * @throws CorruptStoreException if the file is missing, has another length or checksum
     * @throws io.github.influence4j.core.exception.IncompatibleStoreException if its header disagrees with the manifest
     * @implNote The payload is read in blocks of {@value #CACHE_BLOCK} bytes, each checksummed and
     *     scanned while it is still in the CPU cache, so the data crosses memory once.
     */
    static boolean readInto(Origin o, StoredFile f, ChunkPool pool, DataType dataType, long[] shape, INDArray out,
            long outElement, boolean checkFinite) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            copyVia(o, f, pool, dataType, shape, out, outElement);
            return false;
        }
        Path path = o.path(f);
        ChunkFiles.checkFits(o, f, dataType, shape);
        try (FileChannel ch = open(path)) {
            Object stamp = pool.stamp(path);
            checkLength(o, f, ch.size());
            byte[] head = new byte[(int) Math.min(HEADER_PROBE, f.bytes())];
            readFully(ch, ByteBuffer.wrap(head), 0, o, f);
            Npy.Header h;
            try {
                h = ChunkFiles.checkArray(o, f, head, f.bytes(), dataType, shape);
            } catch (RuntimeException e) {
                // a damaged file, or a header longer than the probe: the checksum, streamed, tells
                RuntimeException why = explain(o, f, dataType, shape);
                if (why != null) {
                    throw why;
                }
                copyVia(o, f, pool, dataType, shape, out, outElement);
                return false;
            }
            ChunkSum sum = pool.sumFor(path, stamp, f);
            int es = Npy.elementSize(dataType);
            long payload = f.bytes() - h.dataOffset();
            sum.update(head, 0, h.dataOffset());
            long base = outElement * es;
            if (base + payload > Integer.MAX_VALUE) {
                throw new StoreException(o.describe(f) + " would end at byte " + (base + payload) + " of one array;"
                        + " reads of more than 2 GiB into one array are not supported: read fewer examples at a time"
                        + " or write the store with a smaller chunk size");
            }
            boolean floating = dataType == DataType.FLOAT || dataType == DataType.DOUBLE || dataType == DataType.HALF;
            boolean scan = checkFinite && floating; // the manifest's allFinite record is not trusted: it is not checksummed
            boolean finite = true;
            if (payload > 0) {
                ByteBuffer dst = out.data().asNio();
                for (long done = 0; done < payload; done += CACHE_BLOCK) {
                    int len = (int) Math.min(CACHE_BLOCK, payload - done);
                    dst.clear();
                    dst.position((int) (base + done)).limit((int) (base + done + len));
                    ByteBuffer block = dst.slice();
                    readFully(ch, block, h.dataOffset() + done, o, f);
                    block.flip();
                    if (scan && finite) {
                        finite = NonFiniteCheck.allFinite(block, dataType, ByteOrder.LITTLE_ENDIAN);
                    }
                    sum.update(block);
                }
            }
            new ChunkBytes(o, f, pool, null, stamp, sum).verify();
            return checkFinite && finite;
        } catch (NoSuchFileException e) {
            throw new CorruptStoreException(ChunkFiles.missingMessage(o, f), e);
        } catch (IOException e) {
            throw new StoreException(ChunkFiles.unreadableMessage(o, f, e), e);
        }
    }

    /** The heap path of {@link #readInto}: read, check, copy (also used to explain a bad header). */
    private static void copyVia(Origin o, StoredFile f, ChunkPool pool, DataType dataType, long[] shape, INDArray out,
            long outElement) {
        ChunkBytes b = read(o, f, pool);
        try {
            Npy.Header h;
            try {
                h = ChunkFiles.checkArray(o, f, b.bytes(), b.length(), dataType, shape);
            } catch (RuntimeException e) {
                b.verify();
                throw e;
            }
            b.verify();
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            Npy.copyFromBytes(b.bytes(), h.dataOffset(), out, outElement, Math.toIntExact(count));
        } finally {
            b.release();
        }
    }

    private static void checkLength(Origin o, StoredFile f, long size) {
        if (size != f.bytes()) {
            throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, size));
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long at, Origin o, StoredFile f) throws IOException {
        long pos = at;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) {
                throw new CorruptStoreException(ChunkFiles.lengthMessage(o, f, pos));
            }
            pos += n;
        }
    }

    /** @return the buffer; only the first {@link #length()} bytes are the file */
    byte[] bytes() {
        return bytes;
    }

    /** @return the file's length */
    int length() {
        return (int) file.bytes();
    }

    /**
     * Compares the file's checksum with the manifest.
     *
     * @throws CorruptStoreException naming the file, the checksum, the expected and the actual value
     */
    void verify() {
        String actual = sum.value();
        if (!actual.equals(sum.expected(file))) {
            throw new CorruptStoreException(ChunkFiles.checksumMessage(origin, file, sum.name(), actual,
                    sum.expected(file)));
        }
        pool.markVerified(origin.path(file), stamp);
    }

    /** Returns the buffer to the pool. */
    void release() {
        if (bytes != null) {
            pool.give(bytes);
            bytes = null;
        }
    }
}
