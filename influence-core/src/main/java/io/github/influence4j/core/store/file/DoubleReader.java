// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.io.DoubleCopy;
import io.github.influence4j.core.io.FloatCopy;
import io.github.influence4j.core.io.Float16;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.file.ChunkFiles.Origin;
import io.github.influence4j.core.store.file.Manifest.Finiteness;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The file store's float64 and float32 read paths ({@code TrainingArtifactStore.readDoubles},
 * {@code readFloats} and their ragged forms): the chunk files of a chunk-aligned range, in order,
 * each streamed through one reused direct buffer of {@value #PIECE} bytes that stays in the CPU
 * cache while it is checksummed (CRC32C) and converted, block by block, into the caller's array:
 * widened to float64, or copied as float32. No ND4J array is allocated and no thread is started.
 *
 * <p>NaN and infinity: every value is checked on the raw bits in the conversion loop, also in a
 * file the writer recorded as all finite (a NaN behind rewritten checksums must still fail); a file
 * recorded as not all finite goes straight to the generic read, which names the example.
 *
 * @implNote Anything unusual (a range that cuts a chunk, a header other than the one the writer
 *     writes, a checksum mismatch, a non-finite value under {@code NonFinitePolicy.FAIL}, an I/O
 *     error) falls back, for that chunk, to {@link RangeReader}, which reads it again and reports
 *     exactly what is wrong, so that errors are the same as {@code read}'s; values of a damaged
 *     chunk already written into the caller's array are either overwritten by that read or the
 *     read throws. A file's directories are checked component by component (no symbolic link,
 *     regular directories) once per reader; each file is opened without following links and its
 *     length checked against the manifest on every read. Until 2026-12-07 a file was read whole
 *     into a buffer, the next on a background thread, and checksummed afterwards: twice the memory
 *     traffic, half the speed, and a second core busy (docs/BENCHMARKS.md, table 4).
 */
final class DoubleReader {
    /** Bytes checksummed and converted per step, small enough to stay in the CPU cache. */
    private static final int CACHE_BLOCK = 1 << 16;
    /**
     * Bytes read from a file per step: the piece stays in the CPU cache while it is checksummed and
     * converted (256 KiB measured fastest here, against 64 KiB and 1 MiB; reading a whole file first
     * and checksumming it after was half as fast: docs/BENCHMARKS.md, table 4).
     */
    private static final int PIECE = 1 << 18;

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

    /** A reused direct piece buffer and conversion blocks. */
    private static final class Scratch {
        final ByteBuffer piece = ByteBuffer.allocateDirect(PIECE).order(ByteOrder.LITTLE_ENDIAN);
        final float[] floats = new float[CACHE_BLOCK / 4];
        final short[] halves = new short[CACHE_BLOCK / 2];
        final int[] ints = new int[CACHE_BLOCK / 4];
        final long[] longs = new long[CACHE_BLOCK / 8];
        long[] headerShape = new long[0];
        DataType headerType = DataType.FLOAT;
        byte[] header = new byte[0];

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
    private record Job(Origin origin, StoredFile file, long[] shape, int outOffset, int count, Path dir, String name) {
        Path path() {
            return dir.resolve(name);
        }
    }


    /**
     * @param root the store directory
     * @param storeId the store id
     * @param cp the checkpoint, or {@code ""}
     * @param a the artifact
     * @param range examples
     * @param checkFinite whether NaN or infinity fails the read
     * @param out receives {@code range.size() * elementsPerRow} values from index 0
     * @param generic the generic read, for fallbacks
     * @return the number of values written
     */
    int read(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, double[] out, Generic generic) {
        return read(root, storeId, cp, a, range, checkFinite, out, null, generic);
    }

    /**
     * As {@link #read(Path, String, String, StoredArtifact, ExampleRange, boolean, double[], Generic)},
     * into float32 (float32 artifacts copied, float16 widened exactly).
     *
     * @param root the store directory
     * @param storeId the store id
     * @param cp the checkpoint, or {@code ""}
     * @param a the artifact, stored as float32 or float16
     * @param range examples
     * @param checkFinite whether NaN or infinity fails the read
     * @param out receives {@code range.size() * elementsPerRow} values from index 0
     * @param generic the generic read, for fallbacks
     * @return the number of values written
     */
    int readFloats(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, float[] out, Generic generic) {
        checkFloat32(a.info());
        return read(root, storeId, cp, a, range, checkFinite, null, out, generic);
    }

    /**
     * @param info an artifact
     * @throws IllegalArgumentException unless it is stored as float32 or float16 (exactly representable as float32)
     */
    static void checkFloat32(ArtifactInfo info) {
        FloatCopy.checkFloat32(info.key(), info.dataType());
    }

    private int read(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, double @Nullable [] out, float @Nullable [] outF, Generic generic) {
        ArtifactInfo info = a.info();
        long perRow = info.elementsPerRow();
        long need = range.size() * perRow;
        int length = out != null ? out.length : outF.length;
        if (need > length) {
            throw new IllegalArgumentException(info.key() + ": " + range + " holds " + need + " values; the array has "
                    + length);
        }
        if (range.size() == 0) {
            return 0;
        }
        int first = range.from() / a.chunkSize();
        int last = (range.to() - 1) / a.chunkSize();
        List<StoredChunk> parts = a.chunks().subList(first, last + 1);
        if (info.isRagged() || parts.get(0).range().from() != range.from()
                || parts.get(parts.size() - 1).range().to() != range.to()) {
            try (ArtifactChunk c = generic.read(range)) {
                return copy(c, out, outF, 0);
            }
        }
        Path dir = StoreFiles.artifactDir(root, cp, info.key()); // once per read, not per file
        Job[] jobs = new Job[parts.size()];
        for (int i = 0; i < jobs.length; i++) {
            StoredChunk c = parts.get(i);
            jobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(0),
                    ChunkFiles.shape(info, c.range().size()), Math.toIntExact((c.range().from() - range.from()) * perRow),
                    Math.toIntExact(c.range().size() * perRow), dir, c.files().get(0).name());
        }
        run(jobs, info.dataType(), checkFinite, out, outF, generic);
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
     * @param checkFinite whether NaN or infinity fails the read
     * @param lengths receives T_i of each example of the range
     * @param generic the generic read, for fallbacks
     * @return the values
     */
    double[] readRagged(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, int[] lengths, Generic generic) {
        return (double[]) readRagged(root, storeId, cp, a, range, checkFinite, lengths, generic, false,
                null);
    }

    /**
     * As {@link #readRagged(Path, String, String, StoredArtifact, ExampleRange, boolean, int[], Generic)},
     * into float32 (float32 artifacts copied, float16 widened exactly).
     *
     * @param root the store directory
     * @param storeId the store id
     * @param cp the checkpoint, or {@code ""}
     * @param a the (ragged) artifact, stored as float32 or float16
     * @param range examples
     * @param checkFinite whether NaN or infinity fails the read
     * @param lengths receives T_i of each example of the range
     * @param generic the generic read, for fallbacks
     * @param reuse returned with the values if it is long enough, or null
     * @return the values, from index 0 ({@code reuse} or a new array of exactly their number)
     */
    float[] readRaggedFloats(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, int[] lengths, Generic generic, float @Nullable [] reuse) {
        checkFloat32(a.info());
        return (float[]) readRagged(root, storeId, cp, a, range, checkFinite, lengths, generic, true,
                reuse);
    }

    private Object readRagged(Path root, String storeId, String cp, StoredArtifact a, ExampleRange range,
            boolean checkFinite, int[] lengths, Generic generic, boolean floats,
            float @Nullable [] reuse) {
        ArtifactInfo info = a.info();
        if (lengths.length < range.size()) {
            throw new IllegalArgumentException(info.key() + ": " + range + " holds " + range.size()
                    + " examples; the lengths array has " + lengths.length);
        }
        if (range.size() == 0) {
            return floats ? reuse != null ? reuse : new float[0] : new double[0];
        }
        int first = range.from() / a.chunkSize();
        int last = (range.to() - 1) / a.chunkSize();
        List<StoredChunk> parts = a.chunks().subList(first, last + 1);
        if (!info.isRagged() || parts.get(0).range().from() != range.from()
                || parts.get(parts.size() - 1).range().to() != range.to()) {
            return generic(range, lengths, generic, floats, reuse);
        }
        long perRow = info.elementsPerRow();
        long[] rows = new long[parts.size()];
        long total = 0;
        Path dir = StoreFiles.artifactDir(root, cp, info.key()); // once per read, not per file
        Job[] offsetJobs = new Job[parts.size()];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            StoredChunk c = parts.get(i);
            offsetJobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(1),
                    new long[] {c.range().size() + 1L}, at, c.range().size() + 1, dir, c.files().get(1).name());
            at += c.range().size() + 1;
        }
        double[] offsets = new double[at];
        try {
            run(offsetJobs, DataType.LONG, false, offsets, null, r -> {
                throw new FallBack();
            });
        } catch (FallBack e) {
            return generic(range, lengths, generic, floats, reuse); // reports what is wrong with the offsets
        }
        at = 0;
        for (int i = 0; i < parts.size(); i++) {
            int n = parts.get(i).range().size();
            long prev = 0;
            for (int e = 0; e < n; e++) {
                long len = (long) offsets[at + e + 1] - (long) offsets[at + e];
                if (len < 0 || offsets[at] != 0) {
                    return generic(range, lengths, generic, floats, reuse); // reports the damaged offsets
                }
                lengths[parts.get(i).range().from() - range.from() + e] = Math.toIntExact(len);
                prev += len;
            }
            rows[i] = prev;
            total += prev;
            at += n + 1;
        }
        int size = Math.toIntExact(total * perRow);
        double[] out = floats ? null : new double[size];
        float[] outF = !floats ? null : reuse != null && reuse.length >= size ? reuse : new float[size];
        Job[] jobs = new Job[parts.size()];
        long before = 0;
        for (int i = 0; i < parts.size(); i++) {
            StoredChunk c = parts.get(i);
            jobs[i] = new Job(new Origin(root, storeId, cp, info, c.range()), c.files().get(0),
                    ChunkFiles.shape(info, rows[i]), Math.toIntExact(before * perRow), Math.toIntExact(rows[i] * perRow),
                    dir, c.files().get(0).name());
            before += rows[i];
        }
        run(jobs, info.dataType(), checkFinite, out, outF, generic);
        return floats ? outF : out;
    }

    /** Thrown by a fallback that must not read generically (the offsets): the caller reads the range so. */
    private static final class FallBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FallBack() {
            super(null, null, false, false);
        }
    }

    private static Object generic(ExampleRange range, int[] lengths, Generic generic, boolean floats,
            float @Nullable [] reuse) {
        try (ArtifactChunk c = generic.read(range)) {
            for (int i = 0; i < c.size(); i++) {
                lengths[i] = c.length(i);
            }
            int n = c.values().isEmpty() ? 0 : Math.toIntExact(c.values().length());
            double[] out = floats ? null : new double[n];
            float[] outF = !floats ? null : reuse != null && reuse.length >= n ? reuse : new float[n];
            copy(c, out, outF, 0);
            return floats ? outF : out;
        }
    }

    /** Reads jobs in order; a job that fails goes through {@code generic}. */
    private void run(Job[] jobs, DataType dt, boolean checkFinite, double @Nullable [] out, float @Nullable [] outF,
            Generic generic) {
        Scratch s = scratches.poll();
        if (s == null) {
            s = new Scratch();
        }
        try {
            for (Job j : jobs) {
                if (!stream(s, j, dt, checkFinite, out, outF)) {
                    try (ArtifactChunk c = generic.read(j.origin().range())) { // reports what is wrong
                        copy(c, out, outF, j.outOffset());
                    }
                }
            }
        } finally {
            scratches.offer(s);
        }
    }

    /**
     * Streams one chunk file through a cache-sized piece buffer: read, checksum, check the header,
     * convert into the output, piece after piece, and compare the checksum at the end.
     *
     * @return false if anything is unusual (the generic read then explains it, or reads the chunk
     *     again over what was written into the output)
     */
    private boolean stream(Scratch s, Job j, DataType dt, boolean checkFinite, double @Nullable [] out,
            float @Nullable [] outF) {
        Origin o = j.origin();
        StoredFile f = j.file();
        Path p = j.path();
        byte[] header = s.header(dt, j.shape());
        int es = Npy.elementSize(dt);
        if (f.bytes() != header.length + (long) j.count() * es || header.length % es != 0) {
            return false;
        }
        boolean floating = dt == DataType.FLOAT || dt == DataType.DOUBLE || dt == DataType.HALF;
        if (checkFinite && floating && f.finite() == Finiteness.NOT_ALL_FINITE) {
            return false; // the generic read names the example
        }
        // scanned even when the writer recorded it all finite: a NaN behind rewritten checksums and
        // an untouched record must still fail (HostileRunsTest); the scan is fused with the copy
        boolean scan = checkFinite && floating;
        try {
            if (!checkedDirs.contains(j.dir())) {
                ChunkFiles.checkRegularFile(o, f); // every component; throws if anything is off
                checkedDirs.add(j.dir());
            }
            Object stamp = pool.stamp(p);
            ChunkSum sum = pool.sumFor(p, stamp, f);
            boolean finite = true;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer piece = s.piece;
                long pos = 0;
                int at = j.outOffset();
                while (pos < f.bytes()) {
                    long left = f.bytes() - pos;
                    // the last piece asks for one byte more: a longer file than recorded shows up here
                    piece.clear().limit((int) Math.min(PIECE, left + 1));
                    int got;
                    do {
                        got = ch.read(piece, pos + piece.position());
                    } while (got >= 0 && piece.hasRemaining());
                    if (piece.position() != Math.min(PIECE, left)) {
                        return false; // shorter or longer than the manifest records
                    }
                    piece.flip();
                    sum.update(piece.duplicate());
                    int from = 0;
                    if (pos == 0) {
                        if (piece.limit() < header.length || !piece.slice(0, header.length).equals(ByteBuffer.wrap(header))) {
                            return false;
                        }
                        from = header.length;
                    }
                    for (int b = from; b < piece.limit(); b += CACHE_BLOCK) {
                        int len = Math.min(CACHE_BLOCK, piece.limit() - b);
                        ByteBuffer block = piece.duplicate().position(b).limit(b + len).slice()
                                .order(ByteOrder.LITTLE_ENDIAN);
                        int n = len / es;
                        finite &= (out != null ? widen(s, block, dt, n, out, at)
                                : toFloats(s, block, dt, n, outF, at, scan)) || !scan;
                        at += n;
                    }
                    pos += piece.limit();
                }
            }
            if (!sum.matches(f) || !finite) {
                return false; // damaged, or not finite: the generic read says which
            }
            pool.markVerified(p, stamp);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
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

    /**
     * n little-endian float32 or float16 values as float32, with {@link #widen}'s check of the raw bits.
     *
     * @return true if every value is finite
     */
    private static boolean toFloats(Scratch s, ByteBuffer block, DataType dt, int n, float[] out, int o,
            boolean scan) {
        int bad = 0;
        if (dt == DataType.FLOAT) {
            if (scan) { // the bits as int[] (in cache): this loop vectorises, one over floatToRawIntBits did not
                int[] bits = s.ints;
                block.asIntBuffer().get(bits, 0, n);
                for (int i = 0; i < n; i++) {
                    bad |= (bits[i] & 0x7f800000) + 0x00800000;
                }
            }
            block.asFloatBuffer().get(out, o, n);
        } else if (dt == DataType.HALF) {
            short[] h = s.halves;
            block.asShortBuffer().get(h, 0, n);
            for (int i = 0; i < n; i++) {
                out[o + i] = Float16.toFloat(h[i]);
                bad |= ((h[i] & 0x7c00) + 0x0400) << 16;
            }
        } else {
            throw new IllegalStateException("no float32 read for " + dt);
        }
        return bad >= 0;
    }

    /** Copies a generically read chunk into {@code out} (float64) or {@code outF} (float32). */
    private static int copy(ArtifactChunk c, double @Nullable [] out, float @Nullable [] outF, int at) {
        return out != null ? DoubleCopy.copy(c.values(), out, at) : FloatCopy.copy(c.values(), outF, at);
    }
}
