// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.samediff.SameDiffCapture;
import io.github.influence4j.scorers.streaming.DynamicPruning;
import io.github.influence4j.scorers.streaming.StreamingScores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Streaming scores fed by the SameDiff capture of a real SNLI training run, against the stored
 * scorers over a store captured in the same run (one capture, both paths); a crash and resume of the
 * training run; dynamic pruning inside the SNLI trainer.
 */
class SnliStreamingTest {
    private static final int N = 70;
    private static final EncoderConfig CONFIG = new EncoderConfig(16, 3, 8, 0.1, 64);
    private static final Map<String, Map<String, String>> SCORES = new LinkedHashMap<>();
    private static SnliData data;

    static {
        for (String s : List.of("el2n", "aum", "data-map-confidence", "data-map-variability", "data-map-correctness",
                "forgetting", "tracin-we-self")) {
            SCORES.put(s, Map.of());
        }
        SCORES.put("grand", Map.of("layers", "fc1,fc2,fc3"));
        SCORES.put("tracin-self", Map.of("layers", "fc2"));
    }

    @BeforeAll
    static void load() {
        SnliData all = SnliData.bundled(64);
        data = new SnliData(all.vectors(), all.train().subset(IntStream.range(0, N).toArray()),
                all.test().subset(IntStream.range(0, 100).toArray()));
    }

    private static TrainOptions options(long seed, int epochs) {
        return TrainOptions.builder().epochs(epochs).batchSize(16).seed(seed).build();
    }

    private static StreamingScores.Builder streaming(String id) {
        StreamingScores.Builder b = StreamingScores.builder(new StoreSpec(id, N, 3, 32));
        SCORES.forEach(b::score);
        return b;
    }

    @Test
    void streamedScoresOfASameDiffRunEqualTheStoredScoresOfTheSameRun() {
        StreamingScores s = streaming("snli-slice").build();
        ArtifactWriter store = MemoryStores.create(s.spec());
        SnliExperiment.run(data, CONFIG, options(3, 2), Optional.of(new SnliExperiment.Capture(s.alongside(store),
                CaptureSchedule.evenlySpaced(3), CaptureSpec.of(SameDiffCapture.ALL_KINDS).withBatchSize(24))));
        assertEquals(3, store.store().checkpoints().size());
        assertEquals(store.store().checkpoints(), s.checkpoints());
        for (Map.Entry<String, Map<String, String>> e : SCORES.entrySet()) {
            InfluenceScores stored = InfluenceScorers.create(e.getKey(), store.store(), e.getValue()).score();
            InfluenceScores streamed = s.scores(e.getKey());
            assertArrayEquals(stored.values(), streamed.values(), e.getKey());
            assertEquals(stored.orientation(), streamed.orientation(), e.getKey());
            assertEquals(stored.provenance().options(), streamed.provenance().options(), e.getKey());
            assertEquals(stored.provenance().checkpoints(), streamed.provenance().checkpoints(), e.getKey());
        }
    }

    @Test
    @Tag("slow")
    void aTrainingRunKilledAfterTwoEpochsResumesItsScores(@TempDir Path dir) {
        Path snap = dir.resolve("scores.snapshot");
        CaptureSpec logitsAndLayers = CaptureSpec.of(Set.of(ArtifactKind.LOGITS, ArtifactKind.LAYER_INPUTS,
                ArtifactKind.LAYER_OUTPUT_GRADS, ArtifactKind.EMBEDDING_GRADS));
        StreamingScores whole = streaming("snli-slice").build();
        SnliExperiment.run(data, CONFIG, options(4, 3),
                Optional.of(SnliExperiment.Capture.atEveryEpochEnd(whole.writer(), logitsAndLayers)));
        assertEquals(List.of("epoch-0000", "epoch-0001", "epoch-0002"),
                whole.checkpoints().stream().map(Checkpoint::id).toList());

        StreamingScores first = streaming("snli-slice").snapshot(snap).build();
        RuntimeException killed = assertThrows(RuntimeException.class, () -> SnliExperiment.run(data, CONFIG,
                options(4, 3), Optional.of(SnliExperiment.Capture.atEveryEpochEnd(first.writer(), logitsAndLayers)),
                List.of(new KillAfterEpoch(1))));
        assertEquals("killed", killed.getMessage());
        StreamingScores resumed = streaming("snli-slice").snapshot(snap).build();
        assertEquals(List.of("epoch-0000", "epoch-0001"), resumed.checkpoints().stream().map(Checkpoint::id).toList());
        SnliExperiment.Result r = SnliExperiment.run(data, CONFIG, options(4, 3),
                Optional.of(SnliExperiment.Capture.atEveryEpochEnd(resumed.writer(), logitsAndLayers)));
        assertEquals(1, r.captures().size(), "only the third epoch is captured again");
        for (String name : SCORES.keySet()) {
            assertArrayEquals(whole.scores(name).values(), resumed.scores(name).values(), name + " after resume");
        }
    }

    @Test
    @Tag("slow")
    void dynamicPruningDropsTheEasiestByTheStreamedScoreFromTheNextEpoch() {
        StreamingScores s = StreamingScores.builder(new StoreSpec("snli-slice", N, 3, 32))
                .scores(List.of("el2n")).build();
        DynamicPruning pruning = DynamicPruning.builder(s, "el2n", 0.3).warmupEpochs(1).build();
        List<int[]> trained = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();
        EpochExamples perEpoch = (epoch, pool) -> {
            if (epoch >= 1) {
                // independent of DynamicPruning's ranking: the core selection policy on the same scores
                expected.add(Selections.pruneEasy(0.3).select(s.scores("el2n"), 0).keptIds());
            }
            int[] keep = pruning.examples(epoch, pool);
            trained.add(keep);
            return keep;
        };
        SnliExperiment.Result r = SnliExperiment.run(data, CONFIG, options(5, 3), Optional.of(
                SnliExperiment.Capture.atEveryEpochEnd(s.writer(), CaptureSpec.of(Set.of(ArtifactKind.LOGITS)))),
                List.of(), perEpoch);
        assertEquals(3, r.captures().size());
        assertEquals(N, trained.get(0).length);
        for (int e = 1; e < 3; e++) {
            assertEquals(N - 21, trained.get(e).length, "round(0.3 x 70) = 21 left out in epoch " + e);
            int[] want = expected.get(e - 1).clone();
            Arrays.sort(want);
            assertArrayEquals(want, trained.get(e), "epoch " + e);
        }
        assertEquals(List.of(0, 1, 2), pruning.rounds().stream().map(DynamicPruning.Round::epoch).toList());
        assertTrue(pruning.rounds().get(2).checkpoints() == 2);
    }

    /** Throws at the end of an epoch, after the capture listener has run: a process killed there. */
    private static final class KillAfterEpoch extends BaseListener {
        private final int epoch;

        KillAfterEpoch(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
            if (at.epoch() == epoch) {
                throw new IllegalStateException("killed");
            }
            return ListenerResponse.CONTINUE;
        }
    }
}
