// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@link ScoringEngine#scoreAll}: the logit family scored in one pass gives, bit for bit, what each
 * scorer gives alone on the store's own chunks (the per-chunk path, request chunk size = store
 * chunk size), with the same ids, orientation and provenance (but its time), and reads each
 * checkpoint's LOGITS once per chunk for all of them.
 */
class ScoreAllTest {
    static final int N = GoldenFixture.numExamples();

    static List<Function<TrainingArtifactStore, InfluenceScorer>> scorers() {
        List<Function<TrainingArtifactStore, InfluenceScorer>> l = new ArrayList<>();
        l.add(Scorers::el2n);
        l.add(Scorers::aum);
        l.add(Scorers::forgetting);
        l.add(st -> Scorers.forgetting(st, OptionValues.builder().set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY)
                .build()));
        l.add(Scorers::pvi);
        l.add(st -> Scorers.pvi(st, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1", "c2", "c3"))
                .build()));
        l.add(st -> InfluenceScorers.create("data-map-confidence", st, Map.of()));
        l.add(st -> InfluenceScorers.create("data-map-variability", st, Map.of()));
        l.add(st -> InfluenceScorers.create("data-map-correctness", st, Map.of()));
        l.add(st -> Scorers.el2n(st, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c2")).build()));
        l.add(Scorers::grand); // not a logit score: scored on its own, in the same call
        l.add(Scorers::vog);
        return l;
    }

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of(StoreKind.FILE, DataType.FLOAT, 7), Arguments.of(StoreKind.FILE, DataType.DOUBLE, 7),
                Arguments.of(StoreKind.FILE, DataType.FLOAT, N), Arguments.of(StoreKind.MEMORY, DataType.DOUBLE, 1),
                Arguments.of(StoreKind.MEMORY, DataType.FLOAT, N));
    }

    @ParameterizedTest(name = "{0} store, {1}, chunk {2}")
    @MethodSource("stores")
    void oneRequestEqualsEachScorerAlone(StoreKind kind, DataType type, int chunk, @TempDir Path dir) {
        TrainingArtifactStore store = GoldenFixture.store(kind, dir, type, chunk);
        List<InfluenceScorer> list = scorers().stream().map(f -> f.apply(store)).toList();
        for (ScoreRequest request : new ScoreRequest[] {ScoreRequest.allExamples(),
                ScoreRequest.builder().examples(0, 3, N - 1).build()}) {
            List<InfluenceScores> together = ScoringEngine.scoreAll(list, request);
            assertEquals(list.size(), together.size());
            for (int i = 0; i < list.size(); i++) {
                ScoreRequest.Builder alone = ScoreRequest.builder().chunkSize(chunk);
                request.examples().ifPresent(alone::examples);
                InfluenceScores expected = list.get(i).score(alone.build());
                InfluenceScores actual = together.get(i);
                String what = list.get(i).name() + " #" + i + " on " + kind + " " + type + " chunk " + chunk;
                assertEquals(expected.name(), actual.name(), what);
                assertArrayEquals(expected.exampleIds(), actual.exampleIds(), what);
                assertArrayEquals(expected.values(), actual.values(), 0.0, what); // bit-identical
                assertEquals(expected.orientation(), actual.orientation(), what);
                assertEquals(withoutTime(expected.provenance()), withoutTime(actual.provenance()), what);
            }
        }
    }

    @Test
    void logitsAreReadOncePerCheckpointForTheWholeFamily(@TempDir Path dir) {
        TrainingArtifactStore inner = GoldenFixture.store(StoreKind.FILE, dir, DataType.FLOAT, 7);
        CountingStore store = new CountingStore(inner);
        List<InfluenceScorer> logitFamily = scorers().subList(0, 9).stream().map(f -> f.apply(store)).toList();
        ScoringEngine.scoreAll(logitFamily, ScoreRequest.allExamples());
        // chunk size by bytes: the whole (small) store is one chunk; one read per checkpoint
        int checkpoints = inner.checkpointsWith(ArtifactKind.LOGITS).size();
        assertEquals(checkpoints, store.reads(ArtifactKind.LOGITS), "LOGITS reads " + store.counts);
        assertTrue(store.reads(ArtifactKind.NULL_LOGITS) <= checkpoints, "NULL_LOGITS reads " + store.counts);
        assertEquals(1, store.reads(ArtifactKind.LABELS), "LABELS reads " + store.counts);
        assertEquals(0, store.chunkReads.get(), "no ArtifactChunk (ND4J array) read on the hot path");
    }

    private static ScoreProvenance withoutTime(ScoreProvenance p) {
        return new ScoreProvenance(p.scorer(), p.scorerVersion(), p.options(), p.storeId(), p.manifestHash(),
                p.checkpoints(), p.backend(), p.dataType(), p.libraryVersion(), p.javaVersion(), p.platform(),
                java.time.Instant.EPOCH);
    }

    /** Counts reads per kind. */
    static final class CountingStore implements TrainingArtifactStore {
        final TrainingArtifactStore inner;
        final Map<ArtifactKind, AtomicInteger> counts = new ConcurrentHashMap<>();
        final AtomicInteger chunkReads = new AtomicInteger();

        CountingStore(TrainingArtifactStore inner) {
            this.inner = inner;
        }

        int reads(ArtifactKind k) {
            return counts.getOrDefault(k, new AtomicInteger()).get();
        }

        @Override
        public StoreSpec spec() {
            return inner.spec();
        }

        @Override
        public List<Checkpoint> checkpoints() {
            return inner.checkpoints();
        }

        @Override
        public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
            return inner.staticArtifacts();
        }

        @Override
        public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
            return inner.artifacts(checkpointId);
        }

        @Override
        public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
            chunkReads.incrementAndGet();
            return inner.readStatic(key, range);
        }

        @Override
        public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
            chunkReads.incrementAndGet();
            return inner.read(checkpointId, key, range);
        }

        @Override
        public int readDoubles(String checkpointId, ArtifactKey key, ExampleRange range, double[] into) {
            counts.computeIfAbsent(key.kind(), k -> new AtomicInteger()).incrementAndGet();
            return inner.readDoubles(checkpointId, key, range, into);
        }

        @Override
        public String manifestHash() {
            return inner.manifestHash();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
