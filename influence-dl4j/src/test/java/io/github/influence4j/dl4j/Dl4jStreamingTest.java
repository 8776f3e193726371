// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.selection.Selections;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.streaming.DynamicPruning;
import io.github.influence4j.scorers.streaming.DynamicPruningIterator;
import io.github.influence4j.scorers.streaming.StreamingScores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Streaming scores fed by {@link Dl4jCaptureListener} against the stored scorers over a store
 * captured in the same run, with dynamic pruning choosing each epoch's examples through {@link
 * DynamicPruningIterator}; and a run killed after two epochs that resumes its scores.
 */
class Dl4jStreamingTest {
    private static final DataSet DATA = new DataSet(TestNets.features(7), TestNets.oneHot(TestNets.labels(7)));
    private static final Map<String, Map<String, String>> SCORES = new LinkedHashMap<>();

    static {
        for (String s : List.of("el2n", "aum", "data-map-confidence", "data-map-variability", "data-map-correctness",
                "forgetting")) {
            SCORES.put(s, Map.of());
        }
        SCORES.put("grand", Map.of("layers", "fc1,fc2,out"));
        SCORES.put("tracin-self", Map.of("layers", "fc2"));
    }

    private static StreamingScores.Builder streaming() {
        StreamingScores.Builder b = StreamingScores.builder(StoreSpec.of("dl4j-stream", TestNets.N, TestNets.K));
        SCORES.forEach(b::score);
        return b;
    }

    private static Dl4jCaptureListener listener(MultiLayerNetwork net, ArtifactWriter w) {
        return Dl4jCaptureListener.builder(Dl4jCapture.builder().denseLayers("fc1", "fc2", "out").build(), net,
                CaptureData.of(DATA), w).schedule(CaptureSchedule.everyEpochs(1)).seed(3).build();
    }

    @Test
    void streamedScoresEqualTheStoredOnesWhileDynamicPruningDropsTheEasiest() {
        StreamingScores s = streaming().build();
        ArtifactWriter store = MemoryStores.create(s.spec());
        MultiLayerNetwork net = TestNets.mlp(3, 1.0);
        net.addListeners(listener(net, s.alongside(store)));
        DynamicPruning pruning = DynamicPruning.builder(s, "el2n", 0.3).warmupEpochs(1).build();
        DynamicPruningIterator it = new DynamicPruningIterator(DATA, 8, pruning, 11);
        net.fit(it, 4);

        List<String> ids = store.store().checkpoints().stream().map(Checkpoint::id).toList();
        assertEquals(List.of("epoch-0000", "epoch-0001", "epoch-0002", "epoch-0003"), ids);
        for (Map.Entry<String, Map<String, String>> e : SCORES.entrySet()) {
            InfluenceScores stored = InfluenceScorers.create(e.getKey(), store.store(), e.getValue()).score();
            InfluenceScores streamed = s.scores(e.getKey());
            assertArrayEquals(stored.values(), streamed.values(), e.getKey());
            assertEquals(stored.orientation(), streamed.orientation(), e.getKey());
            assertEquals(stored.provenance().options(), streamed.provenance().options(), e.getKey());
            assertEquals(stored.provenance().checkpoints(), streamed.provenance().checkpoints(), e.getKey());
        }
        // epoch e > 0 trains on the pool minus the easiest 30% by EL2N over the checkpoints 0..e-1, as
        // the core rank selection computes it from the stored store
        List<int[]> trained = it.epochExamples();
        assertEquals(4, trained.size());
        assertEquals(TestNets.N, trained.get(0).length);
        for (int e = 1; e < 4; e++) {
            InfluenceScores el2n = InfluenceScorers.create("el2n", store.store(),
                    Map.of("checkpoints", String.join(",", ids.subList(0, e)))).score();
            int[] want = Selections.pruneEasy(0.3).select(el2n, 0).keptIds().clone();
            Arrays.sort(want);
            assertArrayEquals(want, trained.get(e), "epoch " + e);
            assertEquals(TestNets.N - 11, trained.get(e).length);
        }
    }

    @Test
    void aRunKilledAfterTwoEpochsAndRestartedEndsWithTheSameScores(@TempDir Path dir) {
        StreamingScores whole = streaming().build();
        MultiLayerNetwork net = TestNets.mlp(5, 1.0);
        net.addListeners(listener(net, whole.writer()));
        net.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(DATA.asList(), 8), 3);

        Path snap = dir.resolve("dl4j.snapshot");
        StreamingScores first = streaming().snapshot(snap).build();
        MultiLayerNetwork a = TestNets.mlp(5, 1.0);
        a.addListeners(listener(a, first.writer()));
        a.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(DATA.asList(), 8), 2);
        // the process dies here; a new one trains again from the same seed and resumes the scores
        StreamingScores resumed = streaming().snapshot(snap).build();
        assertEquals(2, resumed.checkpoints().size());
        MultiLayerNetwork b = TestNets.mlp(5, 1.0);
        b.addListeners(listener(b, resumed.writer()));
        b.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(DATA.asList(), 8), 3);
        for (String name : SCORES.keySet()) {
            assertArrayEquals(whole.scores(name).values(), resumed.scores(name).values(), name);
        }
        assertEquals(whole.checkpoints(), resumed.checkpoints());
    }
}
