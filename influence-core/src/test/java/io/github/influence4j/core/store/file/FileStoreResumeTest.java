// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Resuming in the same process: static artifacts and checkpoints left uncommitted by a closed writer. */
class FileStoreResumeTest {
    private static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);
    private static final ArtifactKey TOKENS = ArtifactKey.of(ArtifactKind.TOKEN_IDS);
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);

    @TempDir
    Path tmp;

    @Test
    void uncommittedStaticArtifactsResumeAndCommitWithTheNextCheckpoint() {
        Path dir = tmp.resolve("s");
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2};
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("res", 9, 3, 4))) {
            w.write(LABELS, 0, Nd4j.createFromArray(0, 1, 2, 0, 1)); // chunk [0, 4) durable, [4, 5) buffered
            w.writeRagged(TOKENS, 0, Nd4j.createFromArray(7, 8, 9), new int[] {1, 0, 2, 0}); // chunk [0, 4) durable
            assertTrue(w.isComplete(LABELS, ExampleRange.of(0, 4)));
            assertFalse(w.isComplete(LABELS, ExampleRange.of(0, 5)), "a buffered example is not durable");
        }
        assertTrue(Files.exists(dir.resolve("static/pending.json")));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertTrue(s.staticArtifacts().isEmpty(), "nothing committed");
        }
        try (ArtifactWriter w = ArtifactStores.resume(dir)) {
            assertTrue(w.isComplete(LABELS, ExampleRange.of(0, 4)));
            assertFalse(w.isComplete(LABELS, ExampleRange.of(4, 8)));
            assertTrue(w.isComplete(TOKENS, ExampleRange.of(1, 3)));
            try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("c0", 5, 0, 0.1, 3))) {
                w.write(LABELS, 4, Nd4j.createFromArray(1, 2, 0, 1, 2)); // static: on the writer, while c0 is open
                w.writeRagged(TOKENS, 4, Nd4j.createFromArray(10, 11, 12, 13), new int[] {1, 1, 0, 2, 0});
                c.write(LOSS, 0, Nd4j.linspace(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 9, 9));
                c.commit(); // static artifacts and c0 become visible together
            }
            assertTrue(w.isComplete(LABELS, ExampleRange.of(0, 9)), "committed static artifact");
            w.commit(); // nothing pending: a no-op
        }
        assertFalse(Files.exists(dir.resolve("static/pending.json")));
        try (TrainingArtifactStore s = ArtifactStores.open(dir)) {
            assertEquals(List.of(LABELS, TOKENS), List.copyOf(s.staticArtifacts().keySet()));
            try (ArtifactChunk c = s.readStatic(LABELS, ExampleRange.of(0, 9))) {
                assertArrayEquals(labels, c.values().toIntVector());
            }
            try (ArtifactChunk c = s.readStatic(TOKENS, ExampleRange.of(2, 8))) {
                assertArrayEquals(new long[] {0, 2, 2, 3, 4, 4, 6}, c.offsets());
                assertArrayEquals(new int[] {8, 9, 10, 11, 12, 13}, c.values().toIntVector());
            }
            assertEquals(1, s.checkpoints().size());
        }
        assertTrue(ArtifactStores.verify(dir).ok());
    }
}
