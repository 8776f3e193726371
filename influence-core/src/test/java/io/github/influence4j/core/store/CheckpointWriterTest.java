// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The life of a {@link CheckpointWriter}, the same in both stores. */
class CheckpointWriterTest {
    private static final StoreSpec SPEC = StoreSpec.builder("cw").numExamples(8).numClasses(2).chunkSize(4).build();
    private static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);
    private static final Checkpoint C0 = Checkpoint.builder("c0").step(10).learningRate(0.1).build();

    @TempDir
    Path tmp;

    enum Kind { MEMORY, FILE }

    private ArtifactWriter writer(Kind kind) {
        return kind == Kind.MEMORY ? MemoryStores.create(SPEC) : ArtifactStores.create(tmp.resolve("store"), SPEC);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void staticArtifactsBecomeVisibleWithTheCheckpointCommit(Kind kind) {
        try (ArtifactWriter w = writer(kind)) {
            w.write(LABELS, 0, Nd4j.zeros(DataType.INT, 8));
            try (CheckpointWriter c = w.beginCheckpoint(C0)) {
                assertEquals(C0, c.checkpoint());
                assertEquals(SPEC, c.spec());
                c.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 8));
                assertTrue(c.isComplete(LOSS, ExampleRange.of(0, 8)));
                assertTrue(w.store().checkpoints().isEmpty() && w.store().staticArtifacts().isEmpty(),
                        "nothing visible before the commit");
                c.commit();
            }
            assertEquals(List.of(C0), w.store().checkpoints());
            assertTrue(w.store().hasStatic(LABELS));
            w.commit(); // nothing pending: a no-op
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCheckpointClosedWithoutACommitStaysInvisibleAndCanBeBegunAgain(Kind kind) {
        try (ArtifactWriter w = writer(kind)) {
            try (CheckpointWriter c = w.beginCheckpoint(C0)) {
                c.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 6)); // chunk [0, 4) full, [4, 8) partly
            }
            assertTrue(w.store().checkpoints().isEmpty());
            try (CheckpointWriter c = w.beginCheckpoint(C0)) {
                // the file store keeps the durable chunk (its journal); the memory store starts over
                assertEquals(kind == Kind.FILE, c.isComplete(LOSS, ExampleRange.of(0, 4)));
                assertFalse(c.isComplete(LOSS, ExampleRange.of(4, 8)));
                int from = kind == Kind.FILE ? 4 : 0;
                c.write(LOSS, from, Nd4j.ones(DataType.FLOAT, 8 - from));
                c.commit();
            }
            assertEquals(List.of(C0), w.store().checkpoints());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCommittedOrClosedCheckpointWriterRefusesToBeUsed(Kind kind) {
        try (ArtifactWriter w = writer(kind)) {
            CheckpointWriter c = w.beginCheckpoint(C0);
            c.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 8));
            c.commit();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> c.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 8)));
            assertEquals("checkpoint 'c0' of store 'cw' is committed; begin the next one with beginCheckpoint(...)",
                    e.getMessage());
            assertThrows(IllegalStateException.class, c::commit);
            c.close(); // after a commit: nothing to do

            CheckpointWriter c1 = w.beginCheckpoint(Checkpoint.builder("c1").step(20).learningRate(0.1).build());
            c1.close();
            c1.close(); // idempotent
            e = assertThrows(IllegalStateException.class, () -> c1.isComplete(LOSS, ExampleRange.of(0, 8)));
            assertEquals("the CheckpointWriter of checkpoint 'c1' of store 'cw' is closed and the checkpoint"
                    + " uncommitted; begin it again with beginCheckpoint(...)", e.getMessage());
            assertEquals(List.of(C0), w.committedCheckpoints());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachWriterTakesTheKindsOfItsScopeOnly(Kind kind) {
        try (ArtifactWriter w = writer(kind); CheckpointWriter c = w.beginCheckpoint(C0)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> c.write(LABELS, 0, Nd4j.zeros(DataType.INT, 8)));
            assertEquals("LABELS is static: write it on the ArtifactWriter, not on the CheckpointWriter of checkpoint"
                    + " 'c0' (store 'cw'); it becomes visible with the next commit", e.getMessage());
            e = assertThrows(ConfigurationException.class, () -> w.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 8)));
            assertEquals("LOSS is written per checkpoint: write it through the CheckpointWriter that"
                    + " beginCheckpoint(...) returned for checkpoint 'c0' of store 'cw'", e.getMessage());
            assertThrows(ConfigurationException.class, () -> w.isComplete(LOSS, ExampleRange.of(0, 8)));
            assertThrows(ConfigurationException.class, () -> c.isComplete(LABELS, ExampleRange.of(0, 8)));
            IllegalStateException s = assertThrows(IllegalStateException.class, w::commit);
            assertEquals("checkpoint 'c0' is open in store 'cw'; commit() or close() its CheckpointWriter first (its"
                    + " commit() also makes the pending static artifacts visible)", s.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingTheWriterEndsItsOpenCheckpoint(Kind kind) {
        ArtifactWriter w = writer(kind);
        CheckpointWriter c = w.beginCheckpoint(C0);
        w.close();
        assertThrows(IllegalStateException.class, () -> c.write(LOSS, 0, Nd4j.ones(DataType.FLOAT, 8)));
        c.close(); // still allowed
        assertTrue(w.store().checkpoints().isEmpty());
    }
}
