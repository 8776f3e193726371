// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.file.ChunkFiles.Origin;
import io.github.influence4j.core.store.file.Manifest.Finiteness;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import io.github.influence4j.core.store.file.StoreVerification.FileResult;
import io.github.influence4j.core.store.file.StoreVerification.Status;
import io.github.influence4j.core.store.internal.NonFiniteCheck;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads any example range of one stored artifact, aligned to chunks or not, by copying the needed
 * rows of each overlapping chunk file into one array.
 *
 * @implNote Each chunk file is read once and checksummed as it is read (see {@link ChunkBytes}).
 *     A chunk wholly inside the range is read straight into the result's off-heap buffer after its
 *     header is checked; a chunk the range cuts is read into a pooled heap buffer and its rows
 *     copied with one bulk copy: no per-element ND4J calls. Peak memory is the result plus at most
 *     one chunk file.
 *     Ragged ranges first read the small offsets files of the overlapping chunks to size the
 *     result, then the values files.
 */
final class RangeReader {
    private RangeReader() {
    }

    /**
     * @param root the store directory
     * @param storeId the store id
     * @param checkpointId the checkpoint, or {@code ""}
     * @param a the stored artifact (all chunks)
     * @param range examples within {@code [0, N)}
     * @param checkFinite whether NaN or infinity fails the read ({@link NonFiniteCheck})
     * @return a chunk the caller must close
     */
    static ArtifactChunk read(Path root, String storeId, String checkpointId, StoredArtifact a, ExampleRange range,
            ChunkPool pool, boolean checkFinite) {
        List<StoredChunk> parts = overlapping(a, range);
        ArtifactInfo info = a.info();
        boolean[] finite = {checkFinite};
        ArtifactChunk chunk = info.isRagged() ? ragged(root, storeId, checkpointId, info, parts, range, pool, finite)
                : dense(root, storeId, checkpointId, info, parts, range, pool, finite);
        if (checkFinite && !finite[0]) {
            try {
                NonFiniteCheck.check(storeId, checkpointId, chunk, e -> { // precise report, or a pass for integers
                    StoredChunk c = a.chunks().get(e / a.chunkSize());
                    return " (file " + StoreFiles.relative(root, new Origin(root, storeId, checkpointId, info, c.range())
                            .path(c.files().get(0))) + ")";
                });
            } catch (RuntimeException e) {
                chunk.close();
                throw e;
            }
        }
        return chunk;
    }

    private static List<StoredChunk> overlapping(StoredArtifact a, ExampleRange range) {
        if (range.size() == 0) {
            return List.of();
        }
        int first = range.from() / a.chunkSize();
        int last = (range.to() - 1) / a.chunkSize();
        return a.chunks().subList(first, last + 1);
    }

    /** Decodes from a file's bytes; a damaged file is reported as such even when decoding fails first. */
    private interface Decode<T> {
        T apply(ChunkBytes b);
    }

    private static <T> T decodeVerified(Origin o, StoredFile f, ChunkPool pool, Decode<T> decode) {
        ChunkBytes b = ChunkBytes.read(o, f, pool);
        try {
            T out;
            try {
                out = decode.apply(b);
            } catch (RuntimeException e) {
                b.verify(); // damaged bytes explain a failed decode better than the decode does
                throw e;
            }
            b.verify();
            return out;
        } finally {
            b.release();
        }
    }

    /**
     * {@code finite[0]}: on entry, whether to check values for NaN and infinity; on return, true
     * only if every value is known finite: recorded so by the writer (and the file's checksum
     * matches), or scanned as it was read.
     */
    private static ArtifactChunk dense(Path root, String storeId, String cp, ArtifactInfo info, List<StoredChunk> parts,
            ExampleRange range, ChunkPool pool, boolean[] finite) {
        long perRow = info.elementsPerRow();
        int es = Npy.elementSize(info.dataType());
        for (StoredChunk c : parts) { // sizes from the manifest, checked against the disk before any allocation
            ChunkFiles.checkFits(new Origin(root, storeId, cp, info, c.range()), c.files().get(0), info.dataType(),
                    ChunkFiles.shape(info, c.range().size()));
        }
        INDArray out = Npy.allocate(info.dataType(), ChunkFiles.shape(info, range.size()));
        try {
            for (StoredChunk c : parts) {
                Origin o = new Origin(root, storeId, cp, info, c.range());
                StoredFile f = c.files().get(0);
                int lo = Math.max(range.from(), c.range().from());
                int hi = Math.min(range.to(), c.range().to());
                if (lo == c.range().from() && hi == c.range().to()) {
                    finite[0] &= ChunkBytes.readInto(o, f, pool, info.dataType(), ChunkFiles.shape(info,
                            c.range().size()), out, (lo - range.from()) * perRow, finite[0]);
                    continue;
                }
                finite[0] &= !info.isFloatingPoint(); // scanned after assembly (NonFiniteCheck)
                decodeVerified(o, f, pool, b -> {
                    Npy.Header h = ChunkFiles.checkArray(o, f, b.bytes(), b.length(), info.dataType(),
                            ChunkFiles.shape(info, c.range().size()));
                    long src = h.dataOffset() + (lo - c.range().from()) * perRow * es;
                    Npy.copyFromBytes(b.bytes(), Math.toIntExact(src), out, (lo - range.from()) * perRow,
                            Math.toIntExact((hi - lo) * perRow));
                    return h;
                });
            }
            return ArtifactChunk.dense(info, range, out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static ArtifactChunk ragged(Path root, String storeId, String cp, ArtifactInfo info, List<StoredChunk> parts,
            ExampleRange range, ChunkPool pool, boolean[] finite) {
        long[] offsets = new long[range.size() + 1];
        List<long[]> chunkOffsets = new ArrayList<>();
        for (StoredChunk c : parts) {
            Origin o = new Origin(root, storeId, cp, info, c.range());
            StoredFile f = c.files().get(1);
            ChunkFiles.checkFits(o, f, DataType.LONG, new long[] {c.range().size() + 1L});
            long[] off = decodeVerified(o, f, pool, b -> ChunkFiles.offsets(o, f, b.bytes(), b.length()));
            // the values file must hold the rows the offsets promise before they size anything
            ChunkFiles.checkFits(o, c.files().get(0), info.dataType(), ChunkFiles.shape(info, off[off.length - 1]));
            chunkOffsets.add(off);
            int lo = Math.max(range.from(), c.range().from());
            int hi = Math.min(range.to(), c.range().to());
            for (int e = lo; e < hi; e++) {
                int local = e - c.range().from();
                offsets[e - range.from() + 1] = offsets[e - range.from()] + off[local + 1] - off[local];
            }
        }
        long perRow = info.elementsPerRow();
        int es = Npy.elementSize(info.dataType());
        INDArray out = Npy.allocate(info.dataType(), ChunkFiles.shape(info, offsets[range.size()]));
        try {
            for (int i = 0; i < parts.size(); i++) {
                StoredChunk c = parts.get(i);
                long[] off = chunkOffsets.get(i);
                Origin o = new Origin(root, storeId, cp, info, c.range());
                StoredFile f = c.files().get(0);
                int lo = Math.max(range.from(), c.range().from());
                int hi = Math.min(range.to(), c.range().to());
                if (lo == c.range().from() && hi == c.range().to()) {
                    finite[0] &= ChunkBytes.readInto(o, f, pool, info.dataType(), ChunkFiles.shape(info,
                            off[off.length - 1]), out, offsets[lo - range.from()] * perRow, finite[0]);
                    continue;
                }
                finite[0] &= !info.isFloatingPoint(); // scanned after assembly (NonFiniteCheck)
                decodeVerified(o, f, pool, b -> {
                    Npy.Header h = ChunkFiles.checkArray(o, f, b.bytes(), b.length(), info.dataType(),
                            ChunkFiles.shape(info, off[off.length - 1]));
                    long firstRow = off[lo - c.range().from()];
                    long rows = off[hi - c.range().from()] - firstRow;
                    Npy.copyFromBytes(b.bytes(), Math.toIntExact(h.dataOffset() + firstRow * perRow * es), out,
                            offsets[lo - range.from()] * perRow, Math.toIntExact(rows * perRow));
                    return h;
                });
            }
            return ArtifactChunk.ragged(info, range, out, offsets);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Checks every file of one artifact without building arrays.
     *
     * @param root the store directory
     * @param storeId the store id
     * @param checkpointId the checkpoint, or {@code ""}
     * @param a the stored artifact
     * @param out where results are appended
     */
    static void verify(Path root, String storeId, String checkpointId, StoredArtifact a, List<FileResult> out) {
        ArtifactInfo info = a.info();
        for (StoredChunk c : a.chunks()) {
            Origin o = new Origin(root, storeId, checkpointId, info, c.range());
            long[] rows = {c.range().size()};
            FileResult offsets = null;
            if (info.isRagged()) {
                StoredFile of = c.files().get(1);
                offsets = check(o, of, DataType.LONG, new long[] {c.range().size() + 1L}, bytes -> {
                    long[] off = ChunkFiles.offsets(o, of, bytes, bytes.length);
                    rows[0] = off[off.length - 1];
                });
                if (offsets.status() != Status.OK) {
                    rows[0] = -1;
                }
            }
            StoredFile values = c.files().get(0);
            long[] shape = rows[0] >= 0 ? ChunkFiles.shape(info, rows[0]) : null;
            out.add(check(o, values, info.dataType(), shape, bytes -> {
                if (shape != null) {
                    Npy.Header h = ChunkFiles.checkArray(o, values, bytes, bytes.length, info.dataType(), shape);
                    checkFiniteRecord(o, values, info, bytes, h);
                }
            }));
            if (offsets != null) {
                out.add(offsets);
            }
        }
    }

    /** Reads trust a file recorded all finite; a record that is wrong means the manifest was edited. */
    private static void checkFiniteRecord(Origin o, StoredFile f, ArtifactInfo info, byte[] bytes, Npy.Header h) {
        if (f.finite() == Finiteness.UNKNOWN || !info.isFloatingPoint()) {
            return;
        }
        boolean actual = NonFiniteCheck.allFinite(ByteBuffer.wrap(bytes, h.dataOffset(), bytes.length - h.dataOffset()),
                info.dataType(), ByteOrder.LITTLE_ENDIAN);
        if (actual != (f.finite() == Finiteness.ALL_FINITE)) {
            throw new IncompatibleStoreException(o.describe(f) + (actual ? " holds only finite values" : " holds NaN or"
                    + " infinity") + ", but the manifest records allFinite " + !actual + "; the manifest was edited."
                    + " " + o.remedy());
        }
    }

    /**
     * The cheap half of {@link #verify}: every file of an artifact is present, a regular file inside
     * the store and of the recorded length; no byte is read.
     */
    static void checkFiles(Path root, String storeId, String checkpointId, StoredArtifact a, List<FileResult> out) {
        for (StoredChunk c : a.chunks()) {
            Origin o = new Origin(root, storeId, checkpointId, a.info(), c.range());
            for (StoredFile f : c.files()) {
                ChunkFiles.Result r;
                try {
                    ChunkFiles.checkRegularFile(o, f);
                    r = new ChunkFiles.Result(Status.OK, "", new byte[0]);
                } catch (StoreException e) {
                    r = ChunkFiles.failed(e);
                }
                out.add(new FileResult(StoreFiles.relative(root, o.path(f)), checkpointId, a.info().key(), c.range(),
                        f.bytes(), r.status(), r.message()));
            }
        }
    }

    private static FileResult check(Origin o, StoredFile f, DataType dataType, long @Nullable [] shape,
            java.util.function.Consumer<byte[]> arrayCheck) {
        ChunkFiles.Result r;
        try {
            if (shape != null) {
                ChunkFiles.checkFits(o, f, dataType, shape); // before reading it into memory
            }
            r = ChunkFiles.read(o, f);
        } catch (StoreException e) {
            r = ChunkFiles.failed(e);
        }
        Status status = r.status();
        String message = r.message();
        if (status == Status.OK) {
            try {
                arrayCheck.accept(r.bytes());
            } catch (IncompatibleStoreException e) {
                status = Status.BAD_ARRAY;
                message = e.getMessage();
            }
        }
        return new FileResult(StoreFiles.relative(o.root(), o.path(f)), o.checkpointId(), o.info().key(), o.range(),
                f.bytes(), status, message);
    }
}
