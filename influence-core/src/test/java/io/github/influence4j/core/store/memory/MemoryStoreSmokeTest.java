// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MemoryStoreSmokeTest {
    @Test
    void denseAndRaggedRoundTrip() {
        ArtifactWriter w = MemoryStores.create(new StoreSpec("t", 3, 2, 2));
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, Nd4j.createFromArray(1, 0, 1));
        w.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, Nd4j.createFromArray(5, 6, 7, 8, 9, 10), new int[] {1, 2, 3});
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 10, 0, 0.5, 1))) {
            c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
            c.write(ArtifactKey.of(ArtifactKind.LOGITS), 2, Nd4j.createFromArray(new float[][] {{5, 6}}));
            c.writeRagged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), 0,
                    Nd4j.createFromArray(new float[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}}), new int[] {2, 0, 2});
            assertTrue(w.store().checkpoints().isEmpty(), "nothing visible before commit");
            c.commit();
        }
        TrainingArtifactStore s = w.store();
        assertEquals(1, s.checkpoints().size());
        try (ArtifactChunk c = s.read("c0", ArtifactKey.of(ArtifactKind.LOGITS), ExampleRange.of(1, 3))) {
            assertArrayEquals(new float[] {3, 4}, c.row(0).toFloatVector());
            assertArrayEquals(new float[] {5, 6}, c.row(1).toFloatVector());
        }
        try (ArtifactChunk c = s.read("c0", ArtifactKey.of(ArtifactKind.INPUT_GRADS), ExampleRange.of(1, 3))) {
            assertEquals(0, c.length(0));
            assertEquals(2, c.length(1));
            assertArrayEquals(new float[] {3, 3}, c.example(1).getRow(0).toFloatVector());
        }
        try (ArtifactChunk c = s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), ExampleRange.of(2, 3))) {
            assertArrayEquals(new int[] {8, 9, 10}, c.example(0).toIntVector());
        }
    }

    @Test
    void commitRequiresFullCoverageAndNaNIsReported() {
        ArtifactWriter w = MemoryStores.create(new StoreSpec("t", 3, 2, 2));
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 10, 0, 0.5, 1))) {
            c.write(ArtifactKey.of(ArtifactKind.LOSS), 0, Nd4j.createFromArray(1f, Float.NaN));
            ConfigurationException e = assertThrows(ConfigurationException.class, c::commit);
            assertTrue(e.getMessage().contains("covers 2 of 3"), e.getMessage());
            c.write(ArtifactKey.of(ArtifactKind.LOSS), 2, Nd4j.createFromArray(3f));
            c.commit();
        }
        NumericalException n = assertThrows(NumericalException.class,
                () -> w.store().read("c0", ArtifactKey.of(ArtifactKind.LOSS), ExampleRange.of(0, 3)));
        assertTrue(n.getMessage().contains("example 1") && n.getMessage().contains("checkpoint 'c0'"), n.getMessage());
    }
}
