// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.memory.MemoryStores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CapturedBatchTest {
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);
    private static final ArtifactKey INPUTS = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc");
    private static final ArtifactKey DELTAS = ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc");
    private static final ArtifactKey GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);

    /**
     * Rows for the given ids: logits row = [id, -id], loss = id / 10, layer input = [id + 0.5],
     * delta = [id + 0.25], and id % 3 + 1 ragged rows of [id, t].
     */
    private static CapturedBatch batch(int... ids) {
        int n = ids.length;
        float[][] z = new float[n][];
        float[] loss = new float[n];
        float[][] a = new float[n][];
        float[][] d = new float[n][];
        int[] lengths = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            z[i] = new float[] {ids[i], -ids[i]};
            loss[i] = ids[i] / 10f;
            a[i] = new float[] {ids[i] + 0.5f};
            d[i] = new float[] {ids[i] + 0.25f};
            lengths[i] = ids[i] % 3 + 1;
            total += lengths[i];
        }
        float[][] g = new float[total][];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                g[r++] = new float[] {ids[i], t};
            }
        }
        return new CapturedBatch(ids, Map.of(LOGITS, Nd4j.createFromArray(z), LOSS, Nd4j.createFromArray(loss),
                INPUTS, Nd4j.createFromArray(a), DELTAS, Nd4j.createFromArray(d)), Map.of(GRADS,
                Nd4j.createFromArray(g)), lengths);
    }

    @Test
    void typedAccessorsViewTheKeyedArtifacts() {
        CapturedBatch b = batch(4, 5, 6);
        assertEquals(3, b.size());
        assertEquals(b.dense().get(LOGITS), b.logits());
        assertEquals(b.dense().get(LOSS), b.loss());
        assertEquals(Map.of("fc", b.dense().get(INPUTS)), b.layerInputs());
        assertEquals(Map.of("fc", b.dense().get(DELTAS)), b.layerOutputGrads());
        assertEquals(b.ragged().get(GRADS), b.inputGrads().orElseThrow());
        assertArrayEquals(new int[] {2, 3, 1}, b.inputGradLengths());
        assertEquals(b.ragged().get(GRADS), b.get(GRADS));
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> b.get(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS)));
        assertTrue(e.getMessage().contains("EMBEDDING_GRADS"), e.getMessage());

        CapturedBatch denseOnly = new CapturedBatch(new int[] {0, 1}, Map.of(LOGITS, Nd4j.zeros(2, 3)), Map.of(),
                new int[0]);
        assertTrue(denseOnly.inputGrads().isEmpty());
        assertArrayEquals(new int[0], denseOnly.inputGradLengths());
        assertTrue(denseOnly.layerInputs().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> new CapturedBatch(new int[] {0, 1}, Map.of(), Map.of(GRADS, Nd4j.zeros(2, 2)), new int[0]));
    }

    @Test
    void inIdOrderEqualsTheBatchComputedInOrder() {
        CapturedBatch expected = batch(10, 11, 12, 13, 14, 15, 16);
        CapturedBatch merged = CapturedBatch.inIdOrder(List.of(batch(14, 11), batch(16, 10, 13), batch(12, 15)));
        assertArrayEquals(expected.ids(), merged.ids());
        assertArrayEquals(expected.lengths(), merged.lengths());
        assertEquals(expected.dense(), merged.dense());
        assertEquals(expected.ragged(), merged.ragged());
        assertThrows(ConfigurationException.class, () -> CapturedBatch.inIdOrder(List.of(batch(1, 2), batch(2))));
        assertThrows(IllegalArgumentException.class, () -> CapturedBatch.inIdOrder(List.of()));
    }

    @Test
    void writesItsRowsAtTheirIdsAndRefusesUnorderedRows() {
        ArtifactWriter w = MemoryStores.create(new StoreSpec("b", 4, 2, 4));
        try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint("c", 1, 0, 0.1, 1))) {
            assertThrows(IllegalStateException.class, () -> batch(1, 0).writeTo(cw));
            batch(0, 1).writeTo(cw);
            batch(2, 3).writeTo(cw);
            cw.commit();
        }
        try (ArtifactChunk c = w.store().read("c", GRADS, ExampleRange.of(0, 4));
                ArtifactChunk z = w.store().read("c", LOGITS, ExampleRange.of(0, 4))) {
            assertEquals(3, c.length(2));
            INDArray row = c.example(2);
            assertArrayEquals(new float[] {2, 2}, row.getRow(2).toFloatVector());
            assertArrayEquals(new float[] {3, -3}, z.row(3).toFloatVector());
        }
    }
}
