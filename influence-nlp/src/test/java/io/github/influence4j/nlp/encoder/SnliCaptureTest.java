// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.samediff.SameDiffCapture;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Training with capture on a small slice of the bundled SNLI data. */
class SnliCaptureTest {
    private static final int N = 70;
    private static final EncoderConfig CONFIG = new EncoderConfig(16, 3, 8, 0.1, 64);
    private static SnliData data;

    @BeforeAll
    static void load() {
        SnliData all = SnliData.bundled(64);
        data = new SnliData(all.vectors(), all.train().subset(IntStream.range(0, N).toArray()),
                all.test().subset(IntStream.range(0, 200).toArray()));
    }

    private static TrainOptions options(long seed) {
        return TrainOptions.builder().epochs(2).batchSize(16).seed(seed).build();
    }

    @Test
    void trainingWithCaptureWritesAStoreEveryScorerCanRead() {
        ArtifactWriter w = MemoryStores.create(new StoreSpec("snli-slice", N, 3, 32));
        SnliExperiment.Result r = SnliExperiment.run(data, CONFIG, options(5), Optional.of(new SnliExperiment.Capture(w,
                CaptureSchedule.evenlySpaced(2), CaptureSpec.of(SameDiffCapture.ALL_KINDS).withBatchSize(24))));
        TrainingArtifactStore s = w.store();
        // 5 steps per epoch (70 / 16), 10 steps: checkpoints at steps 5 and 10
        assertEquals(List.of(5L, 10L), s.checkpoints().stream().map(Checkpoint::step).toList());
        assertEquals(List.of(0, 1), s.checkpoints().stream().map(Checkpoint::epoch).toList());
        assertTrue(s.checkpoints().stream().allMatch(c -> c.seed() == 5 && c.learningRate() == 1e-3));
        Set<ArtifactKey> expected = new HashSet<>();
        for (ArtifactKind k : List.of(ArtifactKind.LOGITS, ArtifactKind.LOSS, ArtifactKind.INPUT_GRADS,
                ArtifactKind.EMBEDDING_GRADS)) {
            expected.add(ArtifactKey.of(k));
        }
        for (String l : List.of("fc1", "fc2", "fc3")) {
            expected.add(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, l));
            expected.add(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, l));
        }
        assertEquals(expected, s.artifacts("step-00000010").keySet());
        assertEquals(Set.of(ArtifactKey.of(ArtifactKind.LABELS), ArtifactKey.of(ArtifactKind.TOKEN_IDS),
                ArtifactKey.of(ArtifactKind.SEGMENT_IDS)), s.staticArtifacts().keySet());
        assertEquals(List.of(64L), s.artifacts("step-00000010").get(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc1"))
                .exampleShape());
        ExampleRange all = ExampleRange.of(0, N);
        try (ArtifactChunk tok = s.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), all);
                ArtifactChunk seg = s.readStatic(ArtifactKey.of(ArtifactKind.SEGMENT_IDS), all);
                ArtifactChunk ig = s.read("step-00000010", ArtifactKey.of(ArtifactKind.INPUT_GRADS), all);
                ArtifactChunk eg = s.read("step-00000010", ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), all);
                ArtifactChunk z = s.read("step-00000010", ArtifactKey.of(ArtifactKind.LOGITS), all)) {
            for (int i = 0; i < N; i++) {
                assertArrayEquals(data.train().tokenIds(i), tok.example(i).castTo(DataType.INT).toIntVector());
                int[] sg = seg.example(i).castTo(DataType.INT).toIntVector();
                assertEquals(data.train().length(i), ig.length(i));
                assertEquals(data.train().length(i), eg.length(i));
                assertEquals(data.train().premise(i).length, (int) java.util.Arrays.stream(sg).filter(x -> x == 0).count());
            }
            // the last checkpoint is the trained model: its LOGITS are the eval-mode logits
            float[][] logits = r.encoder().logits(data.train(), 50);
            for (int i = 0; i < N; i++) {
                assertArrayEquals(logits[i], z.row(i).toFloatVector(), 1e-6f, "logits of example " + i);
            }
        }
        assertTrue(r.bytesPerCheckpoint() > 0);
        // capturing the trained model again with the same batches gives identical artifacts: dropout is off
        r.encoder().capture().capture(w, new Checkpoint("again", 10, 1, 1e-3, 5), r.encoder().captureSource(data.train()),
                SameDiffCapture.ALL_KINDS, 24);
        for (ArtifactKey k : expected) {
            try (ArtifactChunk a = s.read("step-00000010", k, all); ArtifactChunk b = s.read("again", k, all)) {
                assertEquals(a.values(), b.values(), k + " differs between two captures");
            }
        }
        // other batches change float32 rounding (and so, rarely, a max-pool arg-max between near ties:
        // gradients may then move between positions), never the smooth outputs beyond rounding
        r.encoder().capture().capture(w, new Checkpoint("other-batches", 10, 1, 1e-3, 5),
                r.encoder().captureSource(data.train()), Set.of(ArtifactKind.LOGITS, ArtifactKind.LOSS), 7);
        for (ArtifactKind kind : List.of(ArtifactKind.LOGITS, ArtifactKind.LOSS)) {
            ArtifactKey k = ArtifactKey.of(kind);
            try (ArtifactChunk a = s.read("step-00000010", k, all); ArtifactChunk b = s.read("other-batches", k, all)) {
                assertTrue(a.values().equalsWithEps(b.values(), 1e-5), k + " differs with other batches");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        SnliExperiment.Result a = SnliExperiment.run(data, CONFIG, options(9), Optional.empty());
        SnliExperiment.Result b = SnliExperiment.run(data, CONFIG, options(9), Optional.empty());
        SnliExperiment.Result c = SnliExperiment.run(data, CONFIG, options(10), Optional.empty());
        assertEquals(a.testAccuracy(), b.testAccuracy());
        float[][] za = a.encoder().logits(data.test(), 64);
        float[][] zb = b.encoder().logits(data.test(), 64);
        float[][] zc = c.encoder().logits(data.test(), 64);
        for (int i = 0; i < za.length; i++) {
            assertArrayEquals(za[i], zb[i], "seed 9 twice, test example " + i);
        }
        assertFalse(java.util.Arrays.equals(za[0], zc[0]), "another seed must give another model");
    }
}
