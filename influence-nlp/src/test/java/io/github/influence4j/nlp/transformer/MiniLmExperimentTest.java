// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MiniLM run over cached states on a tiny random BERT: capture at the scheduled steps with the
 * head's learning rate, a rerun on the same store skips every committed checkpoint and reproduces the
 * model exactly, so does a run without capture, a subset trains on those pairs only, and kinds it cannot capture are refused.
 */
class MiniLmExperimentTest {
    private static final BertConfig TINY = new BertConfig(30, 8, 3, 2, 16, 12, 2, 1e-12);

    private static MiniLmSnli data(int n) {
        BertWeights w = BertGradientTest.randomWeights(TINY, 21);
        Random r = new Random(3);
        List<PairEncoding> train = new ArrayList<>();
        List<PairEncoding> test = new ArrayList<>();
        for (List<PairEncoding> l : List.of(train, test)) {
            for (int i = 0; i < n; i++) {
                int a = 1 + r.nextInt(4);
                int[] ids = new int[a + 2 + r.nextInt(4) + 1];
                int[] types = new int[ids.length];
                for (int t = 0; t < ids.length; t++) {
                    ids[t] = 3 + r.nextInt(27);
                    types[t] = t > a + 1 ? 1 : 0;
                }
                l.add(new PairEncoding(ids, types, 0));
            }
        }
        int[] labels = r.ints(n, 0, 3).toArray();
        int[] testLabels = r.ints(n, 0, 3).toArray();
        return new MiniLmSnli(w, null, train, labels, test, testLabels, HiddenStateCache.compute(w, train, 2, 8, k -> { }),
                HiddenStateCache.compute(w, test, 2, 8, k -> { }), 0);
    }

    private static MiniLmExperiment.Options options() {
        return new MiniLmExperiment.Options(2, new FineTuneOptions(2, 8, 1e-3, 1e-2, 0.01, 0.25, 1, 5), 16);
    }

    @Test
    void capturesAsScheduledAndARerunSkipsCommittedCheckpointsAndReproducesTheModel(@TempDir Path dir) {
        MiniLmSnli d = data(24);
        Set<ArtifactKind> kinds = MiniLmExperiment.CAPTURABLE;
        MiniLmExperiment.Result first;
        try (ArtifactWriter w = ArtifactStores.create(dir.resolve("store"), StoreSpec.of("tiny", 24, 3))) {
            first = MiniLmExperiment.run(d, options(), Optional.empty(), Optional.of(new MiniLmExperiment.Capture(w,
                    CaptureSchedule.evenlySpaced(3), new CaptureSpec(kinds, 8))), (s, e, lr) -> { });
        }
        assertEquals(3, first.captures().size());
        float[] fc1 = first.model().graph().getArrForVarName("fc1_w").data().asFloat();
        try (TrainingArtifactStore store = ArtifactStores.open(dir.resolve("store"))) {
            List<Checkpoint> cps = store.checkpoints();
            assertEquals(3, cps.size());
            assertEquals(6, cps.get(2).step(), "2 epochs x 3 steps: the last checkpoint after the last step");
            assertTrue(cps.get(2).learningRate() >= 0 && cps.get(0).learningRate() > 0, cps.toString());
            int[] lengths = new int[24];
            double[] g = store.readRaggedDoubles(cps.get(1).id(), ArtifactKey.of(ArtifactKind.INPUT_GRADS),
                    ExampleRange.of(0, 24), lengths);
            for (int i = 0; i < 24; i++) {
                assertEquals(d.train().get(i).length(), lengths[i], "INPUT_GRADS rows of pair " + i);
            }
            assertEquals(TINY.hidden() * java.util.Arrays.stream(lengths).sum(), g.length);
        }
        try (ArtifactWriter w = ArtifactStores.resume(dir.resolve("store"))) {
            MiniLmExperiment.Result again = MiniLmExperiment.run(d, options(), Optional.empty(), Optional.of(
                    new MiniLmExperiment.Capture(w, CaptureSchedule.evenlySpaced(3), new CaptureSpec(kinds, 8))),
                    (s, e, lr) -> { });
            assertTrue(again.captures().isEmpty(), "every checkpoint was committed: " + again.captures());
            assertEquals(first.testAccuracy(), again.testAccuracy());
            assertArrayEquals(fc1, again.model().graph().getArrForVarName("fc1_w").data().asFloat());
        }
        // capture only reads the model: the same run without capture trains the same weights
        MiniLmExperiment.Result plain = MiniLmExperiment.run(d, options(), Optional.empty(), Optional.empty(),
                (s, e, lr) -> { });
        assertEquals(first.testAccuracy(), plain.testAccuracy());
        assertArrayEquals(fc1, plain.model().graph().getArrForVarName("fc1_w").data().asFloat());
        assertArrayEquals(first.model().graph().getArrForVarName("encoder.layer.2.output.dense.weight").data().asFloat(),
                plain.model().graph().getArrForVarName("encoder.layer.2.output.dense.weight").data().asFloat());
    }

    @Test
    void aSubsetTrainsOnItsPairsAndUncapturableKindsAreRefused(@TempDir Path dir) {
        MiniLmSnli d = data(20);
        MiniLmExperiment.Result r = MiniLmExperiment.run(d, options(), Optional.of(new int[] {0, 2, 4, 6, 8, 10, 12}),
                Optional.empty(), (s, e, lr) -> { });
        assertEquals(7, r.trainingPairs());
        try (ArtifactWriter w = ArtifactStores.create(dir.resolve("s"), StoreSpec.of("tiny", 20, 3))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniLmExperiment.run(d,
                    options(), Optional.empty(), Optional.of(new MiniLmExperiment.Capture(w, CaptureSchedule.evenlySpaced(2),
                            CaptureSpec.of(Set.of(ArtifactKind.EMBEDDING_GRADS)))), (s, x, lr) -> { }));
            assertTrue(e.getMessage().contains("EMBEDDING_GRADS"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MiniLmExperiment.run(d,
                new MiniLmExperiment.Options(3, options().fineTune(), 16), Optional.empty(), Optional.empty(),
                (s, x, lr) -> { }));
    }
}
