// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.StoreException;
import io.github.influence4j.core.io.Npy;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.Manifest.Finiteness;
import io.github.influence4j.core.store.file.Manifest.StoredArtifact;
import io.github.influence4j.core.store.file.Manifest.StoredChunk;
import io.github.influence4j.core.store.file.Manifest.StoredFile;
import io.github.influence4j.core.store.internal.NonFiniteCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One artifact being written to the file store: its durable chunks and the chunk in progress.
 * Writes are copied into a byte buffer of at most one chunk; when the chunk is full it is written
 * as {@code .npy} file(s) crash-safely and becomes durable.
 *
 * @implNote A chunk's directory is forced once per write call ({@link #forceDirectory()}), before the
 *     journal lists the chunk, rather than once per file. Memory is bounded by one chunk's payload (for ragged kinds, at most twice that while
 *     the buffer grows), never by N. Bytes are copied in bulk from the written array's buffer.
 */
final class PendingArtifact {
    private final StoreSpec spec;
    private final Path dir;
    private ArtifactInfo info;
    private final TreeMap<Integer, StoredChunk> durable = new TreeMap<>();
    /** The example a continuing write must start at; -1 when the next write must start at a chunk boundary. */
    private int cursor;
    private int bufChunk = -1;
    private int bufCount;
    private byte[] data = new byte[0];
    private int dataLen;
    private long[] rowOffsets = new long[1];
    /** Whether chunk files were moved into {@link #dir} since it was last forced. */
    private boolean dirDirty;
    /** Whether each chunk file is forced as it is written (no group commit). */
    private boolean forceEachFile = true;
    /** Chunk files written but not yet forced (group commit). */
    private final List<Path> unforced = new ArrayList<>();
    private long unforcedBytes;
    /** The on-disk chunks of a small artifact written by {@link #pack}, which the manifest lists; null before. */
    private @Nullable StoredArtifact packed;
    /** The store-chunk files that {@link #packed} replaces, deleted after the commit. */
    private final List<Path> superseded = new ArrayList<>();

    /**
     * @param spec the store spec
     * @param dir the artifact's directory
     * @param info the artifact
     * @param durable chunks already durable (from a journal), any order
     */
    PendingArtifact(StoreSpec spec, Path dir, ArtifactInfo info, List<StoredChunk> durable) {
        this.spec = spec;
        this.dir = dir;
        this.info = info;
        for (StoredChunk c : durable) {
            this.durable.put(c.range().from() / spec.chunkSize(), c);
        }
        this.cursor = durable.isEmpty() ? 0 : -1;
    }

    ArtifactInfo info() {
        return info;
    }

    /**
     * @param each whether each chunk file is forced as it is written (true, the default) or left
     *     to {@link #forceFiles()} (group commit)
     */
    void forceEachFile(boolean each) {
        this.forceEachFile = each;
    }

    /** @return the bytes of chunk files written and not yet forced */
    long unforcedBytes() {
        return unforcedBytes;
    }

    /** Forces the chunk files written since the last call (group commit), then their directory. */
    void forceFiles() {
        for (Path p : unforced) {
            StoreFiles.force(p);
        }
        unforced.clear();
        unforcedBytes = 0;
        forceDirectory();
    }

    void setInfo(ArtifactInfo info) {
        this.info = info;
    }

    /** @return the example a continuing write starts at (-1: only a chunk boundary) */
    int cursor() {
        return cursor;
    }

    /** @return true if at least one chunk is durable */
    boolean hasDurableChunks() {
        return !durable.isEmpty();
    }

    /**
     * Appends dense rows for examples {@code [from, from + count)}.
     *
     * @param from first example; equal to {@link #cursor()} or a chunk boundary (checked by the caller)
     * @param values a {@linkplain Npy#contiguous contiguous} {@code [count, ...]} array
     * @param count examples
     * @return true if a chunk became durable
     */
    boolean appendDense(int from, INDArray values, int count) {
        long perRow = info.elementsPerRow();
        int rowBytes = Math.toIntExact(perRow * Npy.elementSize(info.dataType()));
        ensure((long) Math.min(spec.chunkSize(), spec.numExamples()) * rowBytes); // one chunk, allocated once
        return append(from, count, (e, hi) -> {
            ensure(dataLen + (long) (hi - e) * rowBytes);
            copy(values, (e - from) * perRow, Math.toIntExact((hi - e) * perRow));
            dataLen += (hi - e) * rowBytes;
        });
    }

    /**
     * Appends ragged rows for examples {@code [from, from + offsets.length - 1)}.
     *
     * @param from first example; equal to {@link #cursor()} or a chunk boundary
     * @param values a contiguous {@code [rows, ...]} array
     * @param offsets row offsets of each example in {@code values} ({@code n + 1}, from 0)
     * @return true if a chunk became durable
     */
    boolean appendRagged(int from, INDArray values, long[] offsets) {
        long perRow = info.elementsPerRow();
        int es = Npy.elementSize(info.dataType());
        return append(from, offsets.length - 1, (e, hi) -> {
            long rows = offsets[hi - from] - offsets[e - from];
            ensure(dataLen + rows * perRow * es);
            copy(values, offsets[e - from] * perRow, Math.toIntExact(rows * perRow));
            dataLen += Math.toIntExact(rows * perRow * es);
            for (int x = e; x < hi; x++) {
                rowOffsets[bufCount + x - e + 1] = rowOffsets[bufCount + x - e] + offsets[x - from + 1] - offsets[x - from];
            }
        });
    }

    /** Copies elements into the chunk buffer at {@code dataLen}, converting to float16 if so stored. */
    private void copy(INDArray values, long from, int count) {
        if (info.dataType() == DataType.HALF && values.dataType() != DataType.HALF) {
            Npy.copyToHalfBytes(values, from, count, data, dataLen);
        } else {
            Npy.copyToBytes(values, from, count, data, dataLen);
        }
    }

    private interface Copy {
        void copy(int fromExample, int toExample);
    }

    private boolean append(int from, int count, Copy copy) {
        if (from != cursor) {
            bufChunk = -1; // a restart at a chunk boundary discards the incomplete chunk
        }
        boolean flushed = false;
        int e = from;
        int end = from + count;
        while (e < end) {
            int ci = e / spec.chunkSize();
            ExampleRange cr = spec.chunk(ci);
            if (bufChunk != ci) {
                bufChunk = ci;
                bufCount = 0;
                dataLen = 0;
                if (rowOffsets.length < cr.size() + 1) {
                    rowOffsets = new long[cr.size() + 1];
                }
            }
            int hi = Math.min(cr.to(), end);
            copy.copy(e, hi);
            bufCount += hi - e;
            e = hi;
            if (cr.from() + bufCount == cr.to()) {
                durable.put(ci, flush(cr));
                bufChunk = -1;
                flushed = true;
            }
        }
        cursor = end;
        return flushed;
    }

    private void ensure(long capacity) {
        if (capacity > data.length) {
            if (capacity > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(info.key() + ": one chunk of " + spec.chunkSize()
                        + " examples would exceed 2 GiB; create the store with a smaller chunk size");
            }
            long grown = Math.max(capacity, Math.min(Integer.MAX_VALUE - 16, 2L * data.length));
            data = java.util.Arrays.copyOf(data, (int) grown);
        }
    }

    private StoredChunk flush(ExampleRange range) {
        String[] names = StoreFiles.chunkNames(range, info.isRagged());
        List<StoredFile> files = new ArrayList<>();
        long rows = info.isRagged() ? rowOffsets[range.size()] : range.size();
        byte[] header = Npy.header(info.dataType(), ChunkFiles.shape(info, rows));
        Manifest.Checksums sha = StoreFiles.writeAtomically(dir.resolve(names[0]), header, data, dataLen, forceEachFile,
                false);
        written(dir.resolve(names[0]), header.length + (long) dataLen);
        boolean floating = info.isFloatingPoint();
        boolean finite = !floating || NonFiniteCheck.allFinite(ByteBuffer.wrap(data, 0, dataLen), info.dataType(),
                ByteOrder.LITTLE_ENDIAN);
        files.add(new StoredFile(names[0], header.length + (long) dataLen, sha,
                finite ? Finiteness.ALL_FINITE : Finiteness.NOT_ALL_FINITE));
        if (info.isRagged()) {
            int n = range.size() + 1;
            byte[] offHeader = Npy.header(org.nd4j.linalg.api.buffer.DataType.LONG, new long[] {n});
            byte[] off = new byte[n * 8];
            ByteBuffer.wrap(off).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(rowOffsets, 0, n);
            Manifest.Checksums offSha = StoreFiles.writeAtomically(dir.resolve(names[1]), offHeader, off, off.length,
                    forceEachFile, false);
            written(dir.resolve(names[1]), offHeader.length + (long) off.length);
            files.add(new StoredFile(names[1], offHeader.length + (long) off.length, offSha, Finiteness.ALL_FINITE));
        }
        dirDirty = true;
        return new StoredChunk(range, files);
    }

    private void written(Path file, long bytes) {
        if (!forceEachFile) {
            unforced.add(file);
            unforcedBytes += bytes;
        }
    }

    /** Forces the artifact directory if chunks were moved into it since the last call. */
    void forceDirectory() {
        if (dirDirty) {
            StoreFiles.forceDirectory(dir);
            dirDirty = false;
        }
    }

    /** @return the examples written: durable chunks plus the chunk in progress */
    BitSet covered() {
        BitSet b = new BitSet(spec.numExamples());
        durable.values().forEach(c -> b.set(c.range().from(), c.range().to()));
        if (bufChunk >= 0) {
            int start = spec.chunk(bufChunk).from();
            b.set(start, start + bufCount);
        }
        return b;
    }

    /**
     * @param range examples
     * @return true if every chunk overlapping the range is durable
     */
    boolean isComplete(ExampleRange range) {
        if (range.size() == 0) {
            return true;
        }
        for (int ci = range.from() / spec.chunkSize(); ci <= (range.to() - 1) / spec.chunkSize(); ci++) {
            if (!durable.containsKey(ci)) {
                return false;
            }
        }
        return true;
    }

    /** @return the durable chunks, in order, with the current info */
    StoredArtifact stored() {
        return new StoredArtifact(info, spec.chunkSize(), new ArrayList<>(durable.values()));
    }

    /** @return what the manifest lists: the packed chunks after {@link #pack}, else the durable chunks */
    StoredArtifact committed() {
        return packed != null ? packed : stored();
    }

    /**
     * Before a commit, once every chunk is durable: rewrites a small dense artifact's store chunks as
     * on-disk chunks of {@code size} examples (docs/DESIGN.md section 2.5), each file the
     * concatenation of its store chunks' rows under one {@code .npy} header. The store-chunk files
     * stay (the journal lists them, so a commit killed before its manifest resumes from them) and
     * are deleted by {@link #deleteSuperseded} after the manifest is written. Each is read back
     * and checked against the CRC32C recorded when it was written.
     *
     * @param size examples per on-disk chunk, a power-of-two multiple of the store's chunk size
     *     ({@link WriteOptions#chunkSizeFor}); the store's own size leaves the artifact as it is
     */
    void pack(int size) {
        packed = null;
        superseded.clear();
        int n = spec.numExamples();
        if (size == spec.chunkSize() || info.isRagged() || n == 0) {
            return;
        }
        int rowBytes = Math.toIntExact(info.elementsPerRow() * Npy.elementSize(info.dataType()));
        byte[] buf = new byte[Math.toIntExact((long) Math.min(size, n) * rowBytes)];
        List<StoredChunk> out = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            ExampleRange pr = ExampleRange.of(from, (int) Math.min(n, (long) from + size));
            StoredChunk only = durable.get(from / spec.chunkSize());
            if (only.range().equals(pr)) { // a last chunk of one store chunk: the same file, kept as it is
                out.add(only);
                continue;
            }
            int len = 0;
            for (int ci = pr.from() / spec.chunkSize(); ci <= (pr.to() - 1) / spec.chunkSize(); ci++) {
                StoredChunk c = durable.get(ci);
                StoredFile f = c.files().get(0);
                Path file = dir.resolve(f.name());
                byte[] bytes = readBack(file, f, c.range());
                int payload = c.range().size() * rowBytes;
                System.arraycopy(bytes, bytes.length - payload, buf, len, payload);
                len += payload;
                superseded.add(file);
            }
            String name = StoreFiles.chunkNames(pr, false)[0];
            byte[] header = Npy.header(info.dataType(), ChunkFiles.shape(info, pr.size()));
            Manifest.Checksums sums = StoreFiles.writeAtomically(dir.resolve(name), header, buf, len, forceEachFile,
                    false);
            written(dir.resolve(name), header.length + (long) len);
            boolean finite = !info.isFloatingPoint() || NonFiniteCheck.allFinite(ByteBuffer.wrap(buf, 0, len),
                    info.dataType(), ByteOrder.LITTLE_ENDIAN);
            out.add(new StoredChunk(pr, List.of(new StoredFile(name, header.length + (long) len, sums,
                    finite ? Finiteness.ALL_FINITE : Finiteness.NOT_ALL_FINITE))));
        }
        dirDirty = true;
        unforced.removeAll(new HashSet<>(superseded)); // the manifest will not list them: no need to force them
        packed = new StoredArtifact(info, size, out);
    }

    private byte[] readBack(Path file, StoredFile f, ExampleRange range) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read back " + file + " (" + info.key()
                    + ", examples " + range + ") to write it into a larger on-disk chunk: " + e
                    + "; check the disk, then resume the capture (ArtifactStores.resume)", e);
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        if (bytes.length != f.bytes() || (f.hasCrc32c() && crc.getValue() != f.crc32c())) {
            throw new CorruptStoreException(file + " (" + info.key()
                    + ", examples " + range + ") changed since it was written: " + bytes.length + " bytes, CRC32C "
                    + Long.toHexString(crc.getValue()) + ", expected " + f.bytes() + " bytes, CRC32C "
                    + Long.toHexString(f.crc32c()) + "; delete it and resume the capture (ArtifactStores.resume)"
                    + " to rewrite it");
        }
        return bytes;
    }

    /** After the manifest listing {@link #committed()} is written: deletes the store-chunk files it replaced. */
    void deleteSuperseded() {
        for (Path p : superseded) {
            StoreFiles.deleteUnlisted(p);
        }
        superseded.clear();
    }

    /**
     * @param pending artifacts by key
     * @return what the manifest lists for each, by key
     */
    static Map<ArtifactKey, StoredArtifact> committed(Map<ArtifactKey, PendingArtifact> pending) {
        Map<ArtifactKey, StoredArtifact> out = new TreeMap<>();
        pending.forEach((k, p) -> out.put(k, p.committed()));
        return out;
    }

    /**
     * @param pending artifacts by key
     * @return their durable state by key
     */
    static Map<ArtifactKey, StoredArtifact> stored(Map<ArtifactKey, PendingArtifact> pending) {
        Map<ArtifactKey, StoredArtifact> out = new TreeMap<>();
        pending.forEach((k, p) -> out.put(k, p.stored()));
        return out;
    }
}
