// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.io.Float16;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code readFloats} and {@code readRaggedFloats} against values written by hand (an independent
 * record, not another read): dense and ragged float32 artifacts of several 256 KiB pieces per
 * file, ranges that follow and that cut chunks (the generic path), the memory store's default
 * implementation, float16 widened exactly, float64 and integer artifacts refused, a damaged chunk
 * and a NaN reported as {@code read} reports them.
 */
class FloatReadTest {
    static final int N = 600;
    static final int CHUNK = 64;
    static final int WIDTH = 700; // 175 KiB per dense chunk file; the ragged files span pieces
    static final ArtifactKey DENSE = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc");
    static final ArtifactKey RAGGED = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
    static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    static final int EMB = 24;

    /** What was written, kept to compare reads with. */
    record Written(float[] dense, float[] ragged, int[] lengths, double[] logits) {
    }

    static Written write(ArtifactWriter w, long seed) {
        Random r = new Random(seed);
        float[] dense = new float[N * WIDTH];
        int[] lengths = new int[N];
        for (int i = 0; i < N; i++) {
            lengths[i] = 1 + r.nextInt(9);
        }
        float[] ragged = new float[Arrays.stream(lengths).sum() * EMB];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 3));
        }
        for (int i = 0; i < ragged.length; i++) {
            ragged[i] = (float) r.nextGaussian();
        }
        double[] logits = new double[N * 3];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = r.nextGaussian();
        }
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
            int tokenRow = 0;
            for (int from = 0; from < N; from += CHUNK) {
                int n = Math.min(CHUNK, N - from);
                c.write(DENSE, from, Nd4j.create(Arrays.copyOfRange(dense, from * WIDTH, (from + n) * WIDTH),
                        new long[] {n, WIDTH}));
                int[] len = Arrays.copyOfRange(lengths, from, from + n);
                int rows = Arrays.stream(len).sum();
                c.writeRagged(RAGGED, from, Nd4j.create(Arrays.copyOfRange(ragged, tokenRow * EMB, (tokenRow + rows) * EMB),
                        new long[] {rows, EMB}), len);
                tokenRow += rows;
            }
            c.write(LOGITS, 0, Nd4j.create(logits, new long[] {N, 3}));
            c.commit();
        }
        return new Written(dense, ragged, lengths, logits);
    }

    @Test
    void fileAndMemoryStoresReadFloat32AsWritten(@TempDir Path dir) {
        Written file;
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("floats", N, 3, CHUNK))) {
            file = write(w, 3);
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            checkReads(s, file);
        }
        try (ArtifactWriter w = MemoryStores.create(new StoreSpec("floats", N, 3, CHUNK))) {
            Written mem = write(w, 3);
            checkReads(w.store(), mem);
        }
    }

    private static void checkReads(TrainingArtifactStore s, Written x) {
        float[] all = new float[N * WIDTH + 5];
        assertEquals(N * WIDTH, s.readFloats("c0", DENSE, ExampleRange.of(0, N), all));
        assertArrayEquals(x.dense(), Arrays.copyOf(all, N * WIDTH), "whole artifact, streamed");
        for (ExampleRange r : new ExampleRange[] {ExampleRange.of(CHUNK, 3 * CHUNK), ExampleRange.of(5, 131),
                ExampleRange.of(N - 1, N), ExampleRange.of(7, 7)}) {
            float[] part = new float[r.size() * WIDTH];
            assertEquals(r.size() * WIDTH, s.readFloats("c0", DENSE, r, part));
            assertArrayEquals(Arrays.copyOfRange(x.dense(), r.from() * WIDTH, r.to() * WIDTH), part, r.toString());
        }
        int[] starts = new int[N + 1];
        for (int i = 0; i < N; i++) {
            starts[i + 1] = starts[i] + x.lengths()[i];
        }
        for (ExampleRange r : new ExampleRange[] {ExampleRange.of(0, N), ExampleRange.of(2 * CHUNK, 4 * CHUNK),
                ExampleRange.of(9, 70)}) {
            int[] lengths = new int[r.size()];
            float[] v = s.readRaggedFloats("c0", RAGGED, r, lengths);
            assertArrayEquals(Arrays.copyOfRange(x.lengths(), r.from(), r.to()), lengths, r.toString());
            assertArrayEquals(Arrays.copyOfRange(x.ragged(), starts[r.from()] * EMB, starts[r.to()] * EMB), v,
                    r.toString());
        }
        float[] reuse = new float[starts[N] * EMB + 3];
        int[] lengths = new int[2 * CHUNK];
        for (ExampleRange r : new ExampleRange[] {ExampleRange.of(0, 2 * CHUNK), ExampleRange.of(2 * CHUNK, 3 * CHUNK),
                ExampleRange.of(3, 100)}) {
            float[] v = s.readRaggedFloats("c0", RAGGED, r, lengths, reuse);
            assertTrue(v == reuse, "a long enough array is reused");
            int n = (starts[r.to()] - starts[r.from()]) * EMB;
            assertArrayEquals(Arrays.copyOfRange(x.ragged(), starts[r.from()] * EMB, starts[r.to()] * EMB),
                    Arrays.copyOf(v, n), r.toString());
        }
        float[] small = new float[1];
        float[] grown = s.readRaggedFloats("c0", RAGGED, ExampleRange.of(0, CHUNK), lengths, small);
        assertEquals(starts[CHUNK] * EMB, grown.length, "too short an array: a new one of the exact size");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.readFloats("c0", LOGITS, ExampleRange.of(0, N), new float[N * 3]));
        assertTrue(e.getMessage().contains("readDoubles"), e.getMessage());
        IllegalArgumentException shortArray = assertThrows(IllegalArgumentException.class,
                () -> s.readFloats("c0", DENSE, ExampleRange.of(0, 2), new float[WIDTH]));
        assertTrue(shortArray.getMessage().contains("the array has " + WIDTH), shortArray.getMessage());
    }

    @Test
    void float16WidensExactly(@TempDir Path dir) {
        Written x;
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("half", N, 3, CHUNK),
                WriteOptions.defaults().withFloat16(Set.of(ArtifactKind.LAYER_INPUTS, ArtifactKind.INPUT_GRADS)))) {
            x = write(w, 4);
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            float[] all = new float[N * WIDTH];
            s.readFloats("c0", DENSE, ExampleRange.of(0, N), all);
            for (int i = 0; i < all.length; i++) {
                assertEquals(Float16.toFloat(Float16.fromFloat(x.dense()[i])), all[i], 0f, "value " + i);
            }
            double[] viaDoubles = new double[N * WIDTH];
            s.readDoubles("c0", DENSE, ExampleRange.of(0, N), viaDoubles);
            for (int i = 0; i < all.length; i++) {
                assertEquals(viaDoubles[i], all[i], 0.0, "value " + i);
            }
            int[] lengths = new int[N];
            float[] v = s.readRaggedFloats("c0", RAGGED, ExampleRange.of(0, N), lengths);
            assertArrayEquals(x.lengths(), lengths);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Float16.toFloat(Float16.fromFloat(x.ragged()[i])), v[i], 0f, "ragged value " + i);
            }
        }
    }

    @Test
    void damageAndNonFiniteValuesAreReportedAsReadReportsThem(@TempDir Path dir) throws Exception {
        Written x;
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("damaged", N, 3, CHUNK))) {
            x = write(w, 5);
        }
        Path chunk = dir.resolve("checkpoints/c0/" + DENSE + "/128-192.npy");
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x7f, 0x7f}), 128 + 4 * WIDTH * 3 + 1);
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            CorruptStoreException e = assertThrows(CorruptStoreException.class,
                    () -> s.readFloats("c0", DENSE, ExampleRange.of(0, N), new float[N * WIDTH]));
            CorruptStoreException viaRead = assertThrows(CorruptStoreException.class,
                    () -> s.read("c0", DENSE, ExampleRange.of(128, 192)).close());
            assertEquals(viaRead.getMessage(), e.getMessage());
            float[] first = new float[2 * CHUNK * WIDTH];
            s.readFloats("c0", DENSE, ExampleRange.of(0, 2 * CHUNK), first); // the chunks before it still read
            assertArrayEquals(Arrays.copyOf(x.dense(), first.length), first);
        }
        Path nan = dir.resolve("nan");
        try (ArtifactWriter w = ArtifactStores.create(nan, new StoreSpec("nan", N, 3, CHUNK),
                WriteOptions.defaults().withFloat16(Set.of(ArtifactKind.LAYER_INPUTS)))) {
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 0.1, 1))) {
                float[][] g = new float[N][2];
                g[77][1] = 1e6f; // beyond float16: stored as infinity
                c.write(DENSE, 0, Nd4j.createFromArray(g));
                c.commit();
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(nan)) {
            NumericalException e = assertThrows(NumericalException.class,
                    () -> s.readFloats("c0", DENSE, ExampleRange.of(0, N), new float[N * 2]));
            assertTrue(e.getMessage().contains("example 77"), e.getMessage());
        }
    }
}
