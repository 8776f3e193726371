// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.io.DoubleCopy;
import io.github.influence4j.core.io.Float16;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.file.ChunkFiles.Origin;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The file store's float64 read path ({@code TrainingArtifactStore.readDoubles}): the chunk files
 * of a chunk-aligned range of a dense artifact, read whole and in order into reused direct buffers,
 * the next file read on a background thread while this one is checked and converted (read-ahead),
 * each checksummed block by block while in cache and widened to float64 in the same pass, with
 * the NaN/infinity check (on the raw bits) on the same cached block. No ND4J array is allocated.
 *
 * @implNote Anything unusual (a ragged artifact, a range that cuts a chunk, a header other than
 *     the one the writer writes, a checksum mismatch, a non-finite value under
 *     {@code NonFinitePolicy.FAIL}, an I/O error) falls back, for that chunk, to {@link RangeReader},
 *     which reads it again and reports exactly what is wrong, so that errors are the same as
 *     {@code read}'s. A file's directories are checked component by component (no symbolic link,
 *     regular directories) once per reader; each file itself is checked on every read (regular,
 *     not a link, of the recorded length).
 */
final class DoubleReader {
    /** Bytes checksummed and converted per step, small enough to stay in the CPU cache. */
    private static final int CACHE_BLOCK = 1 << 16;
    /** Below this many bytes left to read, the next file is read on the calling thread. */
    private static final long READ_AHEAD_MIN_BYTES = 1 << 20;
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "influence4j-read-ahead");
        t.setDaemon(true);
        return t;
    });

    private final ChunkPool pool;
    private final Set<Path> checkedDirs = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Scratch> scratches = new ConcurrentLinkedQueue<>();

    DoubleReader(ChunkPool pool) {
        this.pool = pool;
    }

    /** Reads a range the generic way (the fallback), e.g. to report what is wrong with a chunk. */
    interface Generic {
        ArtifactChunk read(ExampleRange range);
    }

    /** Two reused direct read buffers and a conversion block. */
    private static final class Scratch {
        final ByteBuffer[] bufs = {ByteBuffer.allocateDirect(0), ByteBuffer.allocateDirect(0)};
        final float[] floats = new float[CACHE_BLOCK / 4];
        final short[] halves = new short[CACHE_BLOCK / 2];
        final int[] ints = new int[CACHE_BLOCK / 4];
        final long[] longs = new long[CACHE_BLOCK / 8];
        long[] headerShape = new long[0];
        DataType headerType = DataType.FLOAT;
        byte[] header = new byte[0];

        ByteBuffer buffer(int which, long size) {
            if (bufs[which].capacity() < size) {
                long cap = Math.max(size, Math.min(Integer.MAX_VALUE - 8, 2L * bufs[which].capacity()));
                bufs[which] = ByteBuffer.allocateDirect((int) cap).order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer b = bufs[which];
            b.clear().limit((int) size);
            return b;
        }

        byte[] header(DataType dt, long[] shape) {
            if (dt != headerType || !Arrays.equals(shape, headerShape)) {
                header = Npy.header(dt, shape);
                headerType = dt;
                headerShape = shape.clone();
            }
            return header;
        }
    }

    /** One chunk file to read. */
    private record Job(Origin origin, StoredFile file, long[] shape, int outOffset, int count) {
    }

    /** A file read into a buffer, or why not ({@code buffer == null}). */
    private record Loaded(@Nullable ByteBuffer buffer, Object stamp) {
    }

    /**
     * @param root the store directory
     * @param storeId the store id
     * @param cp the checkpoint, or {@code ""}
     * @param a the artifact
     * @param range examples
     * @param chunkSize the store's chunk size
     * @param checkFinite whether NaN or infinity fails the read
     * @param out receives {@code range.size() * elementsPerRow} values from index 0
     * @param generic the generic read, for fallbacks
     * @return the number of values written
     */
    int read(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range, int chunkSize,
            boolean checkFinite, double[] out, Generic generic) {
        ArtifactInfo info = a.info();
        long perRow = info.elementsPerRow();
        long need = range.size() * perRow;
        if (need > out.length) {
            throw new IllegalArgumentException(info.key() + ": " + range + " holds " + need + " values; the array has "
                    + out.length);
        }
        if (range.size() == 0) {
            return 0;
        }
        int first = range.from() / chunkSize;
        int last = (range.to() - 1) / chunkSize;
        List<StoredChunk> parts = a.chunks().subList(first, last + 1);
        if (info.isRagged() || parts.get(0).range().from() != range.from()
                || parts.get(parts.size() - 1).range().to() != range.to()) {
            try (ArtifactChunk c = generic.read(range)) {
                return copy(c, out, 0);
            }
        }
        Job[] jobs = new Job[parts.size()];
        for (int i = 0; i < jobs.length; i++) {
            StoredChunk c = parts.get(i);
            jobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(0),
                    ChunkFiles.shape(info, c.range().size()), Math.toIntExact((c.range().from() - range.from()) * perRow),
                    Math.toIntExact(c.range().size() * perRow));
        }
        run(jobs, info.dataType(), checkFinite, out, generic);
        return Math.toIntExact(need);
    }

    /**
     * A ragged artifact's range as float64: fills {@code lengths} (T_i per example) and returns
     * exactly {@code sum T_i * elementsPerRow} values. The small offsets files are read first, then
     * the values files as {@link #read} reads dense ones.
     *
     * @param root the store directory
     * @param storeId the store id
     * @param cp the checkpoint, or {@code ""}
     * @param a the (ragged) artifact
     * @param range examples
     * @param chunkSize the store's chunk size
     * @param checkFinite whether NaN or infinity fails the read
     * @param lengths receives T_i of each example of the range
     * @param generic the generic read, for fallbacks
     * @return the values
     */
    double[] readRagged(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range, int chunkSize,
            boolean checkFinite, int[] lengths, Generic generic) {
        ArtifactInfo info = a.info();
        if (lengths.length < range.size()) {
            throw new IllegalArgumentException(info.key() + ": " + range + " holds " + range.size()
                    + " examples; the lengths array has " + lengths.length);
        }
        if (range.size() == 0) {
            return new double[0];
        }
        int first = range.from() / chunkSize;
        int last = (range.to() - 1) / chunkSize;
        List<StoredChunk> parts = a.chunks().subList(first, last + 1);
        if (!info.isRagged() || parts.get(0).range().from() != range.from()
                || parts.get(parts.size() - 1).range().to() != range.to()) {
            return generic(range, lengths, generic);
        }
        long perRow = info.elementsPerRow();
        long[] rows = new long[parts.size()];
        long total = 0;
        Job[] offsetJobs = new Job[parts.size()];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            StoredChunk c = parts.get(i);
            offsetJobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(1),
                    new long[] {c.range().size() + 1L}, at, c.range().size() + 1);
            at += c.range().size() + 1;
        }
        double[] offsets = new double[at];
        try {
            run(offsetJobs, DataType.LONG, false, offsets, r -> {
                throw new FallBack();
            });
        } catch (FallBack e) {
            return generic(range, lengths, generic); // reports what is wrong with the offsets
        }
        at = 0;
        for (int i = 0; i < parts.size(); i++) {
            int n = parts.get(i).range().size();
            long prev = 0;
            for (int e = 0; e < n; e++) {
                long len = (long) offsets[at + e + 1] - (long) offsets[at + e];
                if (len < 0 || offsets[at] != 0) {
                    return generic(range, lengths, generic); // reports the damaged offsets
                }
                lengths[parts.get(i).range().from() - range.from() + e] = Math.toIntExact(len);
                prev += len;
            }
            rows[i] = prev;
            total += prev;
            at += n + 1;
        }
        double[] out = new double[Math.toIntExact(total * perRow)];
        Job[] jobs = new Job[parts.size()];
        long before = 0;
        for (int i = 0; i < parts.size(); i++) {
            StoredChunk c = parts.get(i);
            jobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(0),
                    ChunkFiles.shape(info, rows[i]), Math.toIntExact(before * perRow), Math.toIntExact(rows[i] * perRow));
            before += rows[i];
        }
        run(jobs, info.dataType(), checkFinite, out, generic);
        return out;
    }

    /** Thrown by a fallback that must not read generically (the offsets): the caller reads the range so. */
    private static final class FallBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FallBack() {
            super(null, null, false, false);
        }
    }

    private static double[] generic(ExampleRange range, int[] lengths, Generic generic) {
        try (ArtifactChunk c = generic.read(range)) {
            for (int i = 0; i < c.size(); i++) {
                lengths[i] = c.length(i);
            }
            double[] out = new double[c.values().isEmpty() ? 0 : Math.toIntExact(c.values().length())];
            copy(c, out, 0);
            return out;
        }
    }

    /** Reads jobs in order, the next ahead on a background thread; a job that fails goes through {@code generic}. */
    private void run(Job[] jobs, DataType dt, boolean checkFinite, double[] out, Generic generic) {
        long bytesLeft = 0;
        for (Job j : jobs) {
            bytesLeft += j.file().bytes();
        }
        Scratch s = scratches.poll();
        if (s == null) {
            s = new Scratch();
        }
        Future<Loaded> next = null;
        try {
            Loaded current = null;
            for (int i = 0; i < jobs.length; i++) {
                Job j = jobs[i];
                if (next != null) {
                    current = await(next);
                    next = null;
                } else {
                    current = load(j, s.buffer(i & 1, j.file().bytes()));
                }
                bytesLeft -= j.file().bytes();
                if (i + 1 < jobs.length) {
                    Job nj = jobs[i + 1];
                    ByteBuffer nb = s.buffer((i + 1) & 1, nj.file().bytes());
                    if (bytesLeft >= READ_AHEAD_MIN_BYTES) {
                        next = READ_AHEAD.submit(() -> load(nj, nb));
                    }
                }
                if (!convert(s, j, current, dt, checkFinite, out)) {
                    try (ArtifactChunk c = generic.read(j.origin().range())) { // reports what is wrong
                        copy(c, out, j.outOffset());
                    }
                }
            }
        } finally {
            if (next != null) { // a failure left a read ahead in flight: it still writes into s
                try {
                    next.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    s = null;
                } catch (ExecutionException e) {
                    // nothing was kept from it
                }
            }
            if (s != null) {
                scratches.offer(s);
            }
        }
    }

    private static Loaded await(Future<Loaded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            return new Loaded(null, ""); // the generic read reports it
        }
    }

    /** Reads a whole file; a null buffer if anything is unusual (the generic read explains it). */
    private Loaded load(Job j, ByteBuffer buf) {
        Origin o = j.origin();
        StoredFile f = j.file();
        Path p = o.path(f);
        try {
            Path dir = p.getParent();
            if (dir == null || !checkedDirs.contains(dir)) {
                ChunkFiles.checkRegularFile(o, f); // every component; throws if anything is off
                if (dir != null) {
                    checkedDirs.add(dir);
                }
            } else {
                BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!at.isRegularFile() || at.size() != f.bytes()) {
                    return new Loaded(null, "");
                }
            }
            Object stamp = pool.stamp(p);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                long pos = 0;
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        return new Loaded(null, stamp);
                    }
                    pos += n;
                }
                if (ch.size() != f.bytes()) {
                    return new Loaded(null, stamp);
                }
            }
            buf.flip();
            return new Loaded(buf, stamp);
        } catch (IOException | RuntimeException e) {
            return new Loaded(null, "");
        }
    }

    /** Checks the header and checksum, converts; false if the generic read must explain the file. */
    private boolean convert(Scratch s, Job j, Loaded l, DataType dt, boolean checkFinite, double[] out) {
        ByteBuffer b = l.buffer();
        if (b == null) {
            return false;
        }
        byte[] header = s.header(dt, j.shape());
        int es = Npy.elementSize(dt);
        if (b.limit() != header.length + (long) j.count() * es) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (b.get(i) != header[i]) {
                return false;
            }
        }
        Path p = j.origin().path(j.file());
        ChunkSum sum = pool.sumFor(p, l.stamp(), j.file());
        sum.update(b.duplicate().limit(header.length));
        boolean floating = dt == DataType.FLOAT || dt == DataType.DOUBLE || dt == DataType.HALF;
        boolean scan = checkFinite && floating;
        boolean finite = true;
        int o = j.outOffset();
        for (int pos = header.length; pos < b.limit(); ) {
            int len = Math.min(CACHE_BLOCK, b.limit() - pos);
            ByteBuffer block = b.duplicate().position(pos).limit(pos + len).slice().order(ByteOrder.LITTLE_ENDIAN);
            sum.update(block.duplicate());
            int n = len / es;
            finite &= widen(s, block, dt, n, out, o) || !scan;
            o += n;
            pos += len;
        }
        if (!sum.value().equals(sum.expected(j.file()))) {
            return false;
        }
        if (!finite) {
            return false; // not finite: the generic read names the example
        }
        pool.markVerified(p, l.stamp());
        return true;
    }

    /**
     * Widens n little-endian values to float64, checking the raw bits as it goes: an exponent field
     * of all ones (NaN or infinity) plus one carries into the sign bit, and the OR of those sums is
     * negative exactly when one was (an OR reduction the JIT vectorises, no floating-point
     * dependency chain).
     *
     * @return true if every value is finite (always true for integers)
     */
    private static boolean widen(Scratch s, ByteBuffer block, DataType dt, int n, double[] out, int o) {
        int bad = 0;
        long badLong = 0;
        switch (dt) {
            case FLOAT -> {
                float[] f = s.floats;
                block.asFloatBuffer().get(f, 0, n);
                for (int i = 0; i < n; i++) {
                    float v = f[i];
                    out[o + i] = v;
                    bad |= (Float.floatToRawIntBits(v) & 0x7f800000) + 0x00800000;
                }
            }
            case DOUBLE -> {
                block.asDoubleBuffer().get(out, o, n);
                for (int i = 0; i < n; i++) {
                    badLong |= (Double.doubleToRawLongBits(out[o + i]) & 0x7ff0000000000000L) + 0x0010000000000000L;
                }
            }
            case HALF -> {
                short[] h = s.halves;
                block.asShortBuffer().get(h, 0, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] = Float16.toFloat(h[i]);
                    bad |= ((h[i] & 0x7c00) + 0x0400) << 16;
                }
            }
            case INT -> {
                int[] x = s.ints;
                block.asIntBuffer().get(x, 0, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] = x[i];
                }
            }
            case LONG -> {
                long[] x = s.longs;
                block.asLongBuffer().get(x, 0, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] = x[i];
                }
            }
            default -> throw new IllegalStateException("no float64 read for " + dt);
        }
        return bad >= 0 && badLong >= 0;
    }

    /** Copies a generically read chunk into {@code out} as float64. */
    private static int copy(ArtifactChunk c, double[] out, int at) {
        return DoubleCopy.copy(c.values(), out, at);
    }
}
