// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.LearningRateSource;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SameDiffCaptureTest {
    private static final int N = 21;
    private OracleFamilyModel model;

    @BeforeEach
    void setUp() {
        Random r = new Random(3);
        int[][] tokens = new int[N][6];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            int n = 1 + r.nextInt(6);
            for (int t = 0; t < n; t++) {
                tokens[i][t] = 1 + r.nextInt(9);
            }
            labels[i] = r.nextInt(3);
        }
        Map<String, INDArray> init = new TreeMap<>();
        init.put("emb", OracleFixtureGenerator.gaussian(r, 0.8, 10, 4));
        init.put("hid_w", OracleFixtureGenerator.gaussian(r, 0.6, 4, 5));
        init.put("hid_b", OracleFixtureGenerator.gaussian(r, 0.1, 5));
        init.put("fc_w", OracleFixtureGenerator.gaussian(r, 0.6, 5, 3));
        init.put("fc_b", OracleFixtureGenerator.gaussian(r, 0.1, 3));
        model = new OracleFamilyModel(tokens, labels, init);
    }

    private static StoreSpec spec() {
        return new StoreSpec("t", N, 3, 8);
    }

    @Test
    void capturingTheSameWeightsTwiceGivesIdenticalArtifactsAndRestoresTheLoss() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter w = MemoryStores.create(spec());
        capture.capture(w, new Checkpoint("a", 1, 0, 0.1, 1), model.source(), SameDiffCapture.ALL_KINDS, 5);
        capture.capture(w, new Checkpoint("b", 1, 0, 0.1, 1), model.source(), SameDiffCapture.ALL_KINDS, 3);
        assertEquals(List.of("mean_loss"), model.sd.getLossVariables());
        TrainingArtifactStore s = w.store();
        assertEquals(8, s.artifacts("a").size()); // LOGITS, LOSS, INPUT_GRADS, EMBEDDING_GRADS, 2 layers x 2
        assertEquals("0", s.artifacts("a").get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "hid")).attributes()
                .get(SameDiffCapture.LAYER_INDEX_ATTRIBUTE), "forward position of hid");
        assertEquals("1", s.artifacts("b").get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, "fc")).attributes()
                .get(SameDiffCapture.LAYER_INDEX_ATTRIBUTE), "forward position of fc");
        assertSameArtifacts(s, "a", s, "b");
    }

    static void assertSameArtifacts(TrainingArtifactStore s1, String c1, TrainingArtifactStore s2, String c2) {
        Map<ArtifactKey, ArtifactInfo> a = s1.artifacts(c1);
        assertEquals(a.keySet(), s2.artifacts(c2).keySet());
        for (ArtifactKey k : a.keySet()) {
            try (ArtifactChunk x = s1.read(c1, k, ExampleRange.of(0, N));
                    ArtifactChunk y = s2.read(c2, k, ExampleRange.of(0, N))) {
                assertEquals(x.values(), y.values(), k + " differs between " + c1 + " and " + c2);
                if (k.kind().isRagged()) {
                    assertTrue(java.util.Arrays.equals(x.offsets(), y.offsets()), k + " offsets differ");
                }
            }
        }
    }

    @Test
    void anInterruptedCaptureResumesWithTheMissingRangesOnly() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter reference = MemoryStores.create(spec());
        capture.capture(reference, new Checkpoint("c", 5, 0, 0.1, 1), model.source(), SameDiffCapture.ALL_KINDS, 4);

        ArtifactWriter store = MemoryStores.create(spec());
        ArtifactWriter durable = new ReopenableWriter(store);
        CaptureSource failing = new CaptureSource() {
            private int calls;

            @Override
            public int numExamples() {
                return N;
            }

            @Override
            public List<EvalBatch> batches(ExampleRange range, int max) {
                if (++calls == 3) {
                    throw new IllegalStateException("killed");
                }
                return model.source().batches(range, max);
            }
        };
        Checkpoint c = new Checkpoint("c", 5, 0, 0.1, 1);
        assertThrows(IllegalStateException.class,
                () -> capture.capture(durable, c, failing, SameDiffCapture.ALL_KINDS, 4));
        assertTrue(store.store().checkpoints().isEmpty(), "nothing may be visible before commit");
        // chunks of 8: [0,8) and [8,16) were written, then the capture was killed
        CaptureResult r = capture.capture(durable, c, model.source(), SameDiffCapture.ALL_KINDS, 4);
        assertEquals(16, r.skippedExamples());
        assertEquals(N - 16, r.computedExamples());
        assertSameArtifacts(reference.store(), "c", store.store(), "c");
    }

    @Test
    void aCaptureKilledMidwayResumesFromTheFileStore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter reference = MemoryStores.create(spec());
        Checkpoint c = new Checkpoint("c", 5, 0, 0.1, 1);
        capture.capture(reference, c, model.source(), SameDiffCapture.ALL_KINDS, 4);
        java.nio.file.Path store = dir.resolve("store");
        CaptureSource failing = new CaptureSource() {
            private int calls;

            @Override
            public int numExamples() {
                return N;
            }

            @Override
            public List<EvalBatch> batches(ExampleRange range, int max) {
                if (++calls == 3) {
                    throw new IllegalStateException("killed");
                }
                return model.source().batches(range, max);
            }
        };
        try (ArtifactWriter w = ArtifactStores.create(store, spec())) {
            assertThrows(IllegalStateException.class, () -> capture.capture(w, c, failing, SameDiffCapture.ALL_KINDS, 4));
        }
        try (ArtifactWriter w = ArtifactStores.resume(store)) {
            assertTrue(w.committedCheckpoints().isEmpty(), "the killed checkpoint must stay invisible");
            CaptureResult r = capture.capture(w, c, model.source(), SameDiffCapture.ALL_KINDS, 4);
            assertEquals(16, r.skippedExamples(), "chunks [0,8) and [8,16) were durable");
            assertEquals(N - 16, r.computedExamples());
        }
        try (TrainingArtifactStore s = ArtifactStores.open(store)) {
            assertSameArtifacts(reference.store(), "c", s, "c");
        }
    }

    /**
     * Simulates reopening a store after a crash (what {@code ArtifactStores.resume} gives for the
     * file store): beginning the checkpoint that is still open continues it. Closing a checkpoint's
     * writer does nothing, as a crash closes nothing.
     */
    private static final class ReopenableWriter implements ArtifactWriter {
        private final ArtifactWriter w;
        private CheckpointWriter open;

        ReopenableWriter(ArtifactWriter w) {
            this.w = w;
        }

        @Override
        public StoreSpec spec() {
            return w.spec();
        }

        @Override
        public List<Checkpoint> committedCheckpoints() {
            return w.committedCheckpoints();
        }

        @Override
        public CheckpointWriter beginCheckpoint(Checkpoint checkpoint) {
            if (open == null || !open.checkpoint().id().equals(checkpoint.id())) {
                open = w.beginCheckpoint(checkpoint);
            }
            CheckpointWriter c = open;
            return new CheckpointWriter() {
                @Override
                public StoreSpec spec() {
                    return c.spec();
                }

                @Override
                public Checkpoint checkpoint() {
                    return c.checkpoint();
                }

                @Override
                public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
                    c.setAttributes(key, attributes);
                }

                @Override
                public void write(ArtifactKey key, int from, INDArray values) {
                    c.write(key, from, values);
                }

                @Override
                public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
                    c.writeRagged(key, from, values, lengths);
                }

                @Override
                public boolean isComplete(ArtifactKey key, ExampleRange range) {
                    return c.isComplete(key, range);
                }

                @Override
                public void commit() {
                    c.commit();
                    open = null;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
            w.setAttributes(key, attributes);
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
            w.write(key, from, values);
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
            w.writeRagged(key, from, values, lengths);
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            return w.isComplete(key, range);
        }

        @Override
        public void commit() {
            w.commit();
        }

        @Override
        public TrainingArtifactStore store() {
            return w.store();
        }

        @Override
        public void close() {
            w.close();
        }
    }

    @Test
    void captureDuringFitDoesNotChangeTraining() {
        OracleFamilyModel plain = copyOf(model);
        plain.sd.fit(plain.iterator(), OracleFamilyModel.EPOCHS);
        SameDiffCaptureListener l = model.trainAndCapture(MemoryStores.create(spec()), null);
        assertEquals(3, l.results().size());
        assertEquals(List.of("mean_loss"), model.sd.getLossVariables());
        Map<String, INDArray> a = plain.weights();
        Map<String, INDArray> b = model.weights();
        for (String k : a.keySet()) {
            assertEquals(a.get(k), b.get(k), k + " after training with and without capture");
        }
    }

    private OracleFamilyModel copyOf(OracleFamilyModel m) {
        Map<String, INDArray> init = new TreeMap<>(m.weights());
        return new OracleFamilyModel(m.tokens, m.labels, init);
    }

    @Test
    void logitsOnlyCaptureNeedsNoGradients() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter w = MemoryStores.create(spec());
        capture.capture(w, new Checkpoint("l", 1, 0, 0.1, 1), model.source(), Set.of(ArtifactKind.LOGITS), 8);
        assertEquals(Set.of(ArtifactKey.of(ArtifactKind.LOGITS)), w.store().artifacts("l").keySet());
    }

    @Test
    void attachNamesMissingVariables() {
        GraphTaps bad = new GraphTaps("lookup", "nope", List.of(), "logits", "loss", "labels",
                List.of(new DenseLayerTap("fc", "h", "missing_z")), 3);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SameDiffCapture.attach(model.sd, bad));
        assertTrue(e.getMessage().contains("[nope, missing_z]"), e.getMessage());
        GraphTaps notPlaceholder = new GraphTaps("lookup", "lookup", List.of(), "logits", "loss", "p",
                List.of(), 3);
        assertThrows(ConfigurationException.class, () -> SameDiffCapture.attach(model.sd, notPlaceholder));
    }

    @Test
    void listenerCapturesAtEpochEndsAndStepsOfASharedSchedule() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter w = MemoryStores.create(spec());
        int spe = model.stepsPerEpoch();
        SameDiffCaptureListener l = SameDiffCaptureListener.builder(capture, w, model.source())
                .schedule(CaptureSchedule.atEpochEnds(0).and(CaptureSchedule.atIterations(5)))
                .spec(CaptureSpec.of(ArtifactKind.LOGITS, ArtifactKind.LOSS).withBatchSize(4))
                .runLength((long) spe * OracleFamilyModel.EPOCHS, spe)
                .seed(3)
                .build(); // the learning rate comes from the graph's TrainingConfig
        model.sd.fit(model.iterator(), OracleFamilyModel.EPOCHS, l);
        // 21 examples in batches of 8: 3 steps per epoch; epoch 0 ends at step 3
        assertEquals(List.of(new Checkpoint("step-00000003", 3, 0, 0.5, 3), new Checkpoint("step-00000005", 5, 1, 0.2, 3)),
                w.store().checkpoints());
        assertEquals(List.of(3L, 5L), List.copyOf(l.steps().keySet()));
        assertEquals(2, l.results().size());
        assertEquals(Set.of(ArtifactKey.of(ArtifactKind.LOGITS), ArtifactKey.of(ArtifactKind.LOSS)),
                w.store().artifacts("step-00000005").keySet());
    }

    @Test
    void listenerCapturesAtEveryEpochEndWithoutARunLength() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter w = MemoryStores.create(spec());
        int spe = model.stepsPerEpoch();
        SameDiffCaptureListener l = SameDiffCaptureListener.builder(capture, w, model.source())
                .spec(CaptureSpec.of(ArtifactKind.LOGITS).withBatchSize(4))
                .atEpochEnds()
                .seed(3)
                .build();
        model.sd.fit(model.iterator(), OracleFamilyModel.EPOCHS, l);
        List<Checkpoint> cs = w.store().checkpoints();
        assertEquals(OracleFamilyModel.EPOCHS, cs.size());
        for (int e = 0; e < cs.size(); e++) {
            assertEquals(String.format("epoch-%04d", e), cs.get(e).id());
            assertEquals(e, cs.get(e).epoch());
            assertEquals((long) spe * (e + 1), cs.get(e).step(), "steps done at the end of epoch " + e);
        }
        assertTrue(l.steps().isEmpty());
        assertEquals(cs, l.results().stream().map(r -> r.checkpoint()).toList());
    }

    @Test
    void listenerBuilderChecksItsConfiguration() {
        SameDiffCapture capture = SameDiffCapture.attach(model.sd, OracleFamilyModel.spec(3));
        ArtifactWriter w = MemoryStores.create(spec());
        IllegalStateException noLength = assertThrows(IllegalStateException.class,
                () -> SameDiffCaptureListener.builder(capture, w, model.source()).build());
        assertTrue(noLength.getMessage().contains("runLength"), noLength.getMessage());
        ConfigurationException kind = assertThrows(ConfigurationException.class,
                () -> SameDiffCaptureListener.builder(capture, w, model.source()).runLength(6, 3)
                        .spec(CaptureSpec.of(ArtifactKind.PROJECTED_GRADS)).build());
        assertTrue(kind.getMessage().contains("PROJECTED_GRADS"), kind.getMessage());
        model.sd.setTrainingConfig(null);
        ConfigurationException lr = assertThrows(ConfigurationException.class,
                () -> SameDiffCaptureListener.builder(capture, w, model.source()).runLength(6, 3).build());
        assertTrue(lr.getMessage().contains("LearningRateSource.constant"), lr.getMessage());
        SameDiffCaptureListener.builder(capture, w, model.source()).runLength(6, 3)
                .learningRate(LearningRateSource.constant(0.1)).build();
    }

    @Test
    void plansResolveToStepsWithLogitsOnlyCadence() {
        NavigableMap<Long, Set<ArtifactKind>> s = CaptureSchedule.evenlySpaced(10).withLogitsCadence(50, 2)
                .resolve(770, 77, SameDiffCapture.ALL_KINDS);
        List<Long> full = s.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(77L, 154L, 231L, 308L, 385L, 462L, 539L, 616L, 693L, 770L), full);
        List<Long> logits = s.entrySet().stream().filter(e -> e.getValue().equals(Set.of(ArtifactKind.LOGITS)))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(50L, 100L, 150L), logits);
        assertEquals(SameDiffCapture.ALL_KINDS, s.get(770L));
        assertEquals(List.of(3L, 6L, 9L), List.copyOf(CaptureSchedule.everyIterations(3)
                .resolve(10, 4, SameDiffCapture.ALL_KINDS).keySet()));
        // 10 evenly spaced checkpoints of a 7-step run collapse to the distinct steps 1..7
        assertEquals(7, CaptureSchedule.evenlySpaced(10).resolve(7, 7, SameDiffCapture.ALL_KINDS).size());
        assertThrows(IllegalArgumentException.class, () -> new CaptureSpec(Set.of(ArtifactKind.LABELS), 8));
    }
}
