// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import java.util.List;
import io.github.influence4j.core.spi.OptionValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Scores never depend on how examples are chunked (request chunk size 1, 7, N, N+1 and the store's
 * own; store chunk sizes 1, 7, N, 1024) nor on the store implementation (memory, file): every score
 * must be bit-identical to the reference run (memory store, chunk 1024, one read of all N).
 */
class ChunkAndStoreInvarianceTest {
    static final Map<String, Function<TrainingArtifactStore, InfluenceScorer>> SCORERS = new LinkedHashMap<>();
    static final Map<String, double[]> REFERENCE = new LinkedHashMap<>();
    static final int N = GoldenFixture.numExamples();

    static {
        for (Spread s : Spread.values()) {
            for (Normalization n : Normalization.values()) {
                SCORERS.put("vog " + s + " " + n, st -> Scorers.vog(st, OptionValues.builder().set(ScorerOptions.SPREAD, s).set(ScorerOptions.NORMALIZATION, n).build()));
            }
        }
        SCORERS.put("vog c0,c2", st -> Scorers.vog(st, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c2", "c0")).build()));
        SCORERS.put("data-map-confidence", st -> Scorers.dataMap(st).confidence());
        SCORERS.put("data-map-variability", st -> Scorers.dataMap(st).variability());
        SCORERS.put("data-map-correctness", st -> Scorers.dataMap(st).correctness());
        SCORERS.put("el2n", Scorers::el2n);
        SCORERS.put("grand", Scorers::grand);
        SCORERS.put("grand full", st -> Scorers.grand(st, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("hid", "fc", "EMBEDDING_GRADS")).build()));
        SCORERS.put("grand param groups", st -> Scorers.grand(st, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PARAM_GRADS.hid", "PARAM_GRADS.fc")).build()));
        SCORERS.put("forgetting", Scorers::forgetting);
        SCORERS.put("forgetting inf", st -> Scorers.forgetting(st,
                OptionValues.builder().set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY).build()));
        SCORERS.put("aum", Scorers::aum);
        SCORERS.put("pvi", Scorers::pvi);
        SCORERS.put("pvi mean", st -> Scorers.pvi(st, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1", "c2", "c3")).build()));
    }

    @BeforeAll
    static void reference(@TempDir Path dir) {
        TrainingArtifactStore store = GoldenFixture.store(StoreKind.MEMORY, dir, DataType.DOUBLE, 1024);
        SCORERS.forEach((name, f) -> REFERENCE.put(name, f.apply(store).score().values()));
    }

    static Stream<Arguments> stores() {
        return Stream.of(StoreKind.values()).flatMap(k -> Stream.of(1, 7, N, 1024).map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{0} store, chunk {1}")
    @MethodSource("stores")
    void identicalForEveryChunkingAndStore(StoreKind kind, int storeChunk, @TempDir Path dir) {
        TrainingArtifactStore store = GoldenFixture.store(kind, dir, DataType.DOUBLE, storeChunk);
        assertEquals(storeChunk, store.spec().chunkSize());
        for (Map.Entry<String, Function<TrainingArtifactStore, InfluenceScorer>> e : SCORERS.entrySet()) {
            InfluenceScorer scorer = e.getValue().apply(store);
            for (int requestChunk : new int[] {0, 1, 7, N, N + 1}) {
                double[] got = scorer.score(ScoreRequest.builder().chunkSize(requestChunk).build()).values();
                assertArrayEquals(REFERENCE.get(e.getKey()), got, e.getKey() + " on " + kind + " store (chunk "
                        + storeChunk + "), request chunk " + requestChunk);
            }
        }
    }
}
