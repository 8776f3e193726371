// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ChunkVerification;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.NonFinitePolicy;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The child-JVM side of the store-read table: for one artifact over every checkpoint, the best of
 * several rounds of (a) a raw sequential read of its chunk files through a {@link FileChannel}
 * into a reused direct buffer, (a') the same into a newly allocated off-heap array of each file's
 * size (what materialising the bytes as an array costs), (b) {@link Files#readAllBytes}, (c) that plus a CRC32C (the
 * checksum the file store checks on every read by default), (d) that plus SHA-256 instead,
 * (e) {@link TrainingArtifactStore#read} of every chunk range with the default
 * {@link ChunkVerification#EVERY_READ} (CRC32C), (f) the same with
 * {@link ChunkVerification#EVERY_READ_SHA256}, and (g) (e) plus the float64 copy scorers make
 * ({@link ArtifactReads}), and (h) {@link TrainingArtifactStore#readDoubles} of the whole artifact per
 * checkpoint (ranges of up to 32 MiB of float64) into one reused array: the float64 read scorers
 * make now, chunk files streamed in order through a cached piece buffer (ragged artifacts: readRaggedDoubles two
 * chunks at a time, a fresh array of the exact size), and (i) {@link TrainingArtifactStore#readFloats}
 * the same way into a reused {@code float[]} holding ranges of up to 1 MiB (ragged artifacts:
 * readRaggedFloats a chunk at a time into one reused array): the float32 read, no widening. Reported as
 * {@code bytes.<key>} and {@code seconds.<method>.<key>}.
 *
 * <p>Arguments: {@code STORE_DIR ROUNDS KEY[,KEY...]}.
 */
public final class ReadWorker {
    /** The measured methods, in table order. */
    public static final List<String> METHODS = List.of("raw", "raw-into-array", "readAllBytes", "readAllBytes+crc32c",
            "readAllBytes+sha256", "store.read", "store.read-sha256", "store.read+float64",
            "store.readDoubles", "store.readFloats");

    /** The float32 reads' range budget: one reused array about the size of the raw read's buffer. */
    private static final long FLOAT_RANGE_BYTES = Long.getLong("influence4j.bench.floatRangeBytes", 1L << 20);

    /**
     * Cold reads: with {@code -Dinfluence4j.bench.cold=true} (root only), the page cache is dropped
     * before every timed read, so that each method reads from the disk.
     */
    static final boolean COLD = Boolean.getBoolean("influence4j.bench.cold");

    private ReadWorker() {
    }

    /**
     * @param args {@code STORE_DIR ROUNDS KEY[,KEY...]}
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (TrainingArtifactStore store = ArtifactStores.open(dir);
                TrainingArtifactStore sha = ArtifactStores.open(dir, NonFinitePolicy.FAIL,
                        ChunkVerification.EVERY_READ_SHA256)) {
            for (String k : args[2].split(",")) {
                ArtifactKey key = ArtifactKey.parse(k);
                List<Path> files = files(dir, store, key);
                long bytes = files.stream().mapToLong(p -> p.toFile().length()).sum();
                ChildJvm.report("bytes." + key, bytes);
                double[] best = new double[METHODS.size()];
                java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
                for (int r = 0; r < rounds; r++) {
                    for (int m = 0; m < METHODS.size(); m++) {
                        if (COLD) {
                            dropPageCache();
                        }
                        long t0 = System.nanoTime();
                        double sink = run(m, m == 6 ? sha : store, key, files);
                        best[m] = Double.isNaN(sink) ? Double.NaN : Math.min(best[m], (System.nanoTime() - t0) / 1e9);
                        if (sink == 42.4242) {
                            System.out.println("sink");
                        }
                    }
                }
                for (int m = 0; m < METHODS.size(); m++) {
                    ChildJvm.report("seconds." + METHODS.get(m) + "." + key, best[m]);
                }
            }
        }
    }

    private static double run(int method, TrainingArtifactStore store, ArtifactKey key, List<Path> files) {
        return switch (method) {
            case 0 -> raw(files);
            case 1 -> rawIntoArray(files);
            case 2 -> heap(files, 0);
            case 3 -> heap(files, 1);
            case 4 -> heap(files, 2);
            case 5, 6 -> storeRead(store, key, false);
            case 7 -> storeRead(store, key, true);
            case 8 -> readDoubles(store, key);
            default -> readFloats(store, key);
        };
    }

    /** Drops the kernel's clean page cache (Linux, root); fails loudly otherwise. */
    static void dropPageCache() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the page cache for cold reads (needs Linux and root)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(Path dir, TrainingArtifactStore store, ArtifactKey key) {
        List<Path> out = new ArrayList<>();
        for (Checkpoint c : store.checkpointsWith(key)) {
            Path d = dir.resolve("checkpoints").resolve(c.id()).resolve(key.toString());
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d
                        + " (the file store layout of docs/DESIGN.md section 2.5)", e);
            }
        }
        return out;
    }

    static double raw(List<Path> files) {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        for (Path p : files) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                int n;
                while ((n = ch.read(buf)) >= 0) {
                    total += n;
                    buf.clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    /** Each file read into a newly allocated off-heap array of its size: what materialising it costs. */
    static double rawIntoArray(List<Path> files) {
        long total = 0;
        for (Path p : files) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
                    INDArray a = Nd4j.createUninitialized(DataType.BYTE, ch.size())) {
                ByteBuffer bb = a.data().asNio();
                int n;
                while (bb.hasRemaining() && (n = ch.read(bb)) >= 0) {
                    total += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static double heap(List<Path> files, int check) {
        double acc = 0;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            for (Path p : files) {
                byte[] b = Files.readAllBytes(p);
                if (check == 2) {
                    acc += md.digest(b)[0];
                } else if (check == 1) {
                    crc.reset();
                    crc.update(b);
                    acc += crc.getValue();
                } else {
                    acc += b.length;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return acc;
    }

    private static double readDoubles(TrainingArtifactStore store, ArtifactKey key) {
        ArtifactInfo info = store.artifacts(store.checkpointsWith(key).get(0).id()).get(key);
        if (info.isRagged()) {
            double acc = 0;
            int[] lengths = new int[2 * store.spec().chunkSize()];
            for (Checkpoint c : store.checkpointsWith(key)) {
                for (ExampleRange r : store.chunkRanges(2 * store.spec().chunkSize())) {
                    double[] v = store.readRaggedDoubles(c.id(), key, r, lengths);
                    acc += v.length == 0 ? 0 : v[v.length - 1];
                }
            }
            return acc;
        }
        long per = info.elementsPerRow();
        int chunk = store.spec().chunkSize();
        int examples = (int) Math.max(chunk, (32L << 20) / (8 * per) / chunk * chunk);
        double[] buf = new double[Math.toIntExact(Math.min(store.numExamples(), examples) * per)];
        double acc = 0;
        for (Checkpoint c : store.checkpointsWith(key)) {
            for (ExampleRange r : store.chunkRanges(examples)) {
                int n = store.readDoubles(c.id(), key, r, buf);
                acc += n == 0 ? 0 : buf[n - 1];
            }
        }
        return acc;
    }

    private static double readFloats(TrainingArtifactStore store, ArtifactKey key) {
        ArtifactInfo info = store.artifacts(store.checkpointsWith(key).get(0).id()).get(key);
        int chunk = store.spec().chunkSize();
        if (info.isRagged()) {
            double acc = 0;
            int[] lengths = new int[chunk];
            float[] reuse = null;
            for (Checkpoint c : store.checkpointsWith(key)) {
                for (ExampleRange r : store.chunkRanges()) {
                    reuse = store.readRaggedFloats(c.id(), key, r, lengths, reuse);
                    acc += reuse.length == 0 ? 0 : reuse[0];
                }
            }
            return acc;
        }
        long per = info.elementsPerRow();
        int examples = (int) Math.max(chunk, (FLOAT_RANGE_BYTES / (4 * per)) / chunk * chunk);
        float[] buf = new float[Math.toIntExact(Math.min(store.numExamples(), examples) * per)];
        double acc = 0;
        for (Checkpoint c : store.checkpointsWith(key)) {
            for (ExampleRange r : store.chunkRanges(examples)) {
                int n = store.readFloats(c.id(), key, r, buf);
                acc += n == 0 ? 0 : buf[n - 1];
            }
        }
        return acc;
    }

    private static double storeRead(TrainingArtifactStore store, ArtifactKey key, boolean toDoubles) {
        double acc = 0;
        for (Checkpoint c : store.checkpointsWith(key)) {
            for (ExampleRange r : store.chunkRanges()) {
                try (ArtifactChunk chunk = store.read(c.id(), key, r)) {
                    if (toDoubles) {
                        double[] v = ArtifactReads.flatDoubles(chunk.values());
                        acc += v.length == 0 ? 0 : v[v.length - 1];
                    } else {
                        acc += chunk.values().length();
                    }
                }
            }
        }
        return acc;
    }
}
