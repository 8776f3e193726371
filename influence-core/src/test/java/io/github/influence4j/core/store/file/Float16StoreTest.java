// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.io.Float16;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float16 storage: gradient kinds are written as {@code <f2} and read back, through {@code read}
 * and {@code readDoubles}, as exactly the float16 rounding of what was written; logits stay
 * float32; the reads of the float32 path are unchanged; non-finite values after rounding fail.
 */
class Float16StoreTest {
    static final int N = 23;
    static final int CHUNK = 5;
    static final ArtifactKey GRADS = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc");
    static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);

    @Test
    void gradientKindsAreStoredAsHalfAndReadAsTheirRounding(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        float[][] g = new float[N][7];
        float[][] z = new float[N][3];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 7; j++) {
                g[i][j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(6) - 4));
            }
            for (int j = 0; j < 3; j++) {
                z[i][j] = (float) r.nextGaussian();
            }
        }
        Checkpoint c = Checkpoint.builder("c0").step(1).epoch(0).learningRate(0.1).seed(1).build();
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("half", N, 3, CHUNK),
                WriteOptions.defaults().withFloat16(WriteOptions.GRADIENT_KINDS).withSmallArtifactBytes(0))) {
            try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                cw.write(GRADS, 0, Nd4j.createFromArray(g).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 9)));
                cw.write(GRADS, 9, Nd4j.createFromArray(g).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(9, N)));
                cw.write(LOGITS, 0, Nd4j.createFromArray(z));
                cw.commit();
            }
        }
        Path f = dir.resolve("checkpoints/c0/" + GRADS + "/0-5.npy");
        String head = new String(Files.readAllBytes(f), 0, 80, StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("'descr': '<f2'"), head);
        assertEquals(128 + 5 * 7 * 2, Files.size(f), "2 bytes per value after a 128-byte header");
        assertTrue(new String(Files.readAllBytes(dir.resolve("manifest.json")), StandardCharsets.UTF_8)
                .contains("\"float16\""));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertEquals(DataType.HALF, s.artifacts("c0").get(GRADS).dataType());
            assertEquals(DataType.FLOAT, s.artifacts("c0").get(LOGITS).dataType());
            double[] expected = new double[N * 7];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < 7; j++) {
                    expected[i * 7 + j] = Float16.toFloat(Float16.fromFloat(g[i][j]));
                }
            }
            double[] viaDoubles = new double[N * 7];
            s.readDoubles("c0", GRADS, ExampleRange.of(0, N), viaDoubles);
            assertArrayEquals(expected, viaDoubles, 0.0);
            try (ArtifactChunk ch = s.read("c0", GRADS, ExampleRange.of(3, 17))) { // cuts chunks: the generic path
                double[] part = new double[14 * 7];
                io.github.influence4j.core.io.DoubleCopy.copy(ch.values(), part, 0);
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, 3 * 7, 17 * 7), part, 0.0);
            }
            double[] logits = new double[N * 3];
            s.readDoubles("c0", LOGITS, ExampleRange.of(0, N), logits);
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(z[i][j], logits[i * 3 + j], 0.0, "LOGITS stay float32");
                }
            }
        }
        assertTrue(ArtifactStores.verify(dir).ok());
    }

    @Test
    void valuesBeyondTheHalfRangeFailReads(@TempDir Path dir) {
        Checkpoint c = Checkpoint.builder("c0").step(1).epoch(0).learningRate(0.1).seed(1).build();
        float[][] g = new float[N][2];
        g[12][1] = 1e6f;
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("half", N, 3, CHUNK),
                WriteOptions.defaults().withFloat16(Set.of(ArtifactKind.LAYER_INPUTS)).withSmallArtifactBytes(0))) {
            try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                cw.write(GRADS, 0, Nd4j.createFromArray(g));
                cw.commit();
            }
        }
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            NumericalException e = assertThrows(NumericalException.class,
                    () -> s.readDoubles("c0", GRADS, ExampleRange.of(0, N), new double[N * 2]));
            assertTrue(e.getMessage().contains("example 12"), e.getMessage());
        }
    }
}
