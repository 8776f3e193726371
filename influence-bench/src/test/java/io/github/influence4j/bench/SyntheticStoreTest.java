// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticStoreTest {
    private static final SyntheticShape SHAPE = new SyntheticShape(37, 2, 6, 5, 3, 3, 50, 4, 16, true, true);

    private static ArtifactWriter memory(SyntheticShape s, long seed) {
        ArtifactWriter w = MemoryStores.create(SyntheticStore.spec("t", s));
        SyntheticStore.write(w, s, seed);
        return w;
    }

    @Test
    void writesEveryKindWithTheShapeAsked() {
        try (ArtifactWriter w = memory(SHAPE, 1)) {
            TrainingArtifactStore st = w.store();
            assertEquals(37, st.numExamples());
            assertEquals(List.of("c00", "c01", "c02"), st.checkpoints().stream().map(c -> c.id()).toList());
            assertEquals(Set.of(ArtifactKey.of(ArtifactKind.LABELS), ArtifactKey.of(ArtifactKind.TOKEN_IDS)),
                    st.staticArtifacts().keySet());
            var kinds = st.artifacts("c01");
            assertEquals(11, kinds.size(), kinds.keySet().toString());
            assertEquals(List.of(20L), kinds.get(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "d1")).exampleShape());
            assertEquals(List.of(3L), kinds.get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc")).exampleShape());
            assertEquals("2", kinds.get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc")).attributes()
                    .get("layer-index"));
            ExampleRange all = ExampleRange.of(0, 37);
            try (ArtifactChunk ids = st.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), all);
                    ArtifactChunk in = st.read("c02", ArtifactKey.of(ArtifactKind.INPUT_GRADS), all);
                    ArtifactChunk emb = st.read("c00", ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), all);
                    ArtifactChunk labels = st.readStatic(ArtifactKey.of(ArtifactKind.LABELS), all)) {
                assertArrayEquals(ids.offsets(), in.offsets());
                assertArrayEquals(ids.offsets(), emb.offsets());
                for (int i = 0; i < 37; i++) {
                    assertTrue(ids.length(i) >= 2 && ids.length(i) <= 6, "T_" + i + " = " + ids.length(i));
                    int y = labels.values().getInt(i);
                    assertTrue(y >= 0 && y < 3, "label " + y);
                }
                for (int t : ids.values().toIntVector()) {
                    assertTrue(t >= 0 && t < 50, "token " + t);
                }
                assertEquals(5, in.values().size(1));
            }
        }
    }

    @Test
    void sameSeedSameStoreOtherSeedOtherValues() {
        try (ArtifactWriter a = memory(SHAPE, 7); ArtifactWriter b = memory(SHAPE, 7); ArtifactWriter c = memory(SHAPE, 8)) {
            ExampleRange r = ExampleRange.of(0, 37);
            ArtifactKey key = ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS);
            try (ArtifactChunk x = a.store().read("c01", key, r); ArtifactChunk y = b.store().read("c01", key, r);
                    ArtifactChunk z = c.store().read("c01", key, r)) {
                assertEquals(x.values(), y.values());
                assertFalse(x.values().equalShapes(z.values()) && x.values().equals(z.values()));
            }
        }
    }

    @Test
    void fileStoreHoldsWhatTheMemoryStoreHolds(@TempDir Path dir) {
        SyntheticStore.createFile(dir.resolve("s"), "t", SHAPE, 3);
        try (ArtifactWriter w = memory(SHAPE, 3); TrainingArtifactStore f = ArtifactStores.open(dir.resolve("s"))) {
            assertEquals(w.store().checkpoints(), f.checkpoints());
            ExampleRange r = ExampleRange.of(5, 30);
            for (ArtifactKey key : w.store().artifacts("c02").keySet()) {
                try (ArtifactChunk m = w.store().read("c02", key, r); ArtifactChunk d = f.read("c02", key, r)) {
                    assertEquals(m.values(), d.values(), key.toString());
                }
            }
        }
    }

    @Test
    void shapesAreCheckedAndDescribed() {
        assertThrows(IllegalArgumentException.class, () -> SHAPE.withCheckpoints(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticShape(10, 5, 4, 1, 3, 2, 10, 1, 1, true, true));
        assertTrue(e.getMessage().contains("maxTokens"), e.getMessage());
        assertEquals(100, SyntheticShape.snliLike(10).dim());
        assertEquals(22.0, (SyntheticShape.snliLike(10).minTokens() + SyntheticShape.snliLike(10).maxTokens()) / 2.0);
        assertTrue(SHAPE.describe().contains("N=37"));
        // 2 * 4 tokens * 5 * 4 bytes + (3*3 + 1 + 20 + 16 + 3) * 4 bytes per example
        assertEquals(37L * (160 + 196), SHAPE.bytesPerCheckpoint());
    }
}
