// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.scorers.vog.VogScorers;
import io.github.influence4j.core.spi.OptionValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.CancellationToken;
import io.github.influence4j.core.exception.CancelledException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringListener;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.testing.Asserts;
import io.github.influence4j.scorers.testing.HandMadeStore;
import io.github.influence4j.scorers.testing.StoreBuilder;
import io.github.influence4j.scorers.vog.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subset requests, cancellation, listener warnings and provenance. */
class RequestsAndProvenanceTest {
    private final TrainingArtifactStore store = HandMadeStore.memory();
    private static final int[] SUBSET = {1, 4, 7, 11};

    private List<InfluenceScorer> unnormalised() {
        return List.of(Scorers.vog(store, OptionValues.builder().set(ScorerOptions.NORMALIZATION, Normalization.NONE).build()),
                Scorers.dataMap(store).confidence(), Scorers.dataMap(store).variability(),
                Scorers.dataMap(store).correctness(), Scorers.el2n(store), Scorers.grand(store),
                Scorers.forgetting(store), Scorers.aum(store), Scorers.pvi(store));
    }

    @Test
    void subsetRequestsReturnExactlyTheFullRunsValuesForThoseIds() {
        for (InfluenceScorer s : unnormalised()) {
            InfluenceScores all = s.score();
            InfluenceScores sub = s.score(ScoreRequest.builder().examples(SUBSET).chunkSize(3).build());
            assertArrayEquals(SUBSET, sub.exampleIds(), s.name());
            for (int i = 0; i < SUBSET.length; i++) {
                assertEquals(all.valueOf(SUBSET[i]), sub.value(i), s.name() + " example " + SUBSET[i]);
            }
        }
    }

    @Test
    void normalisedVogUsesThePopulationOfTheScoredExamples() {
        double[] raw = Scorers.vog(store, OptionValues.builder().set(ScorerOptions.NORMALIZATION, Normalization.NONE).build()).score().values();
        int[] ids = {0, 2, 3, 5, 6, 8, 9, 10};      // classes 0: {0, 3, 6, 9}, 2: {2, 5, 8}, 1: {10}
        double[] expected = new double[ids.length];
        for (int cls = 0; cls < 3; cls++) {
            double sum = 0;
            int n = 0;
            for (int id : ids) {
                if (id % 3 == cls) {
                    sum += raw[id];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int id : ids) {
                ss += id % 3 == cls ? (raw[id] - mean) * (raw[id] - mean) : 0;
            }
            double sd = Math.sqrt(ss / n);
            for (int j = 0; j < ids.length; j++) {
                if (ids[j] % 3 == cls) {
                    expected[j] = sd == 0 ? 0 : (raw[ids[j]] - mean) / sd;
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        ScoringListener l = new ScoringListener() {
            @Override
            public void onWarning(String scorer, String message) {
                warnings.add(message);
            }
        };
        InfluenceScores got = Scorers.vog(store).score(ScoreRequest.builder().examples(ids).listener(l).build());
        Asserts.assertClose(expected, got.values(), 1e-12, 0, "class z-scores over the requested examples");
        assertEquals(0.0, got.valueOf(10), "class 1 has one requested member: defined as 0, not NaN");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("class 1 (1 example)"), warnings.get(0));
    }

    @Test
    void zeroSpreadClassIsZeroNotNaNAndWarned() {
        // class 1 has two examples with identical gradients: zero spread
        double[][][] g0 = {{{1, 2}}, {{0, 0}}, {{0, 0}}, {{3, 3}}};
        double[][][] g1 = {{{2, 2}}, {{1, 1}}, {{1, 1}}, {{3, 5}}};
        TrainingArtifactStore s = StoreBuilder.memory(4, 2).labels(0, 1, 1, 0)
                .checkpoint("a", 0.1).ragged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), g0, 2)
                .checkpoint("b", 0.1).ragged(ArtifactKey.of(ArtifactKind.INPUT_GRADS), g1, 2).build();
        List<String> warnings = new ArrayList<>();
        InfluenceScores v = Scorers.vog(s).score(ScoreRequest.builder().listener(new ScoringListener() {
            @Override
            public void onWarning(String scorer, String message) {
                warnings.add(scorer + ": " + message);
            }
        }).build());
        assertArrayEquals(new double[] {-1, 0, 0, 1}, v.values(), 1e-15);
        assertTrue(warnings.size() == 1 && warnings.get(0).startsWith("vog: ") && warnings.get(0).contains("class 1"),
                warnings.toString());
    }

    @Test
    void cancellationStopsBetweenChunks() {
        CancellationToken before = CancellationToken.create();
        before.cancel();
        for (InfluenceScorer s : unnormalised()) {
            assertThrows(CancelledException.class, () -> s.score(ScoreRequest.builder().cancellation(before).build()),
                    s.name());
        }
        for (InfluenceScorer s : unnormalised()) {
            CancellationToken token = CancellationToken.create();
            int[] progress = {0};
            ScoringListener cancelAfterFirst = new ScoringListener() {
                @Override
                public void onProgress(String scorer, int done, int total) {
                    progress[0]++;
                    token.cancel();
                }
            };
            CancelledException e = assertThrows(CancelledException.class, () -> s.score(ScoreRequest.builder()
                    .chunkSize(2).listener(cancelAfterFirst).cancellation(token).build()), s.name());
            assertEquals(1, progress[0], s.name() + ": one chunk done before the cancellation was seen");
            assertTrue(e.getMessage().contains("2 of 12"), e.getMessage());
        }
    }

    @Test
    void listenerSeesStartProgressAndCompletion() {
        List<String> events = new ArrayList<>();
        ScoringListener l = new ScoringListener() {
            @Override
            public void onStart(String scorer, int total) {
                events.add("start " + total);
            }

            @Override
            public void onProgress(String scorer, int done, int total) {
                events.add(done + "/" + total);
            }

            @Override
            public void onComplete(String scorer, InfluenceScores scores) {
                events.add("done " + scores.name());
            }
        };
        Scorers.el2n(store).score(ScoreRequest.builder().chunkSize(5).listener(l).build());
        assertEquals(List.of("start 12", "5/12", "10/12", "12/12", "done el2n"), events);
    }

    @Test
    void provenanceRecordsOptionsCheckpointsAndStore() {
        OptionValues o = OptionValues.builder().set(ScorerOptions.NORMALIZATION, Normalization.DATASET).set(ScorerOptions.CHECKPOINTS, List.of("c3", "c1")).build();
        InfluenceScores v = Scorers.vog(store, o).score();
        assertEquals("vog", v.provenance().scorer());
        assertEquals(VogScorers.VOG.resolve(o).toMap(), v.provenance().options());
        assertEquals(List.of("c1", "c3"), v.provenance().checkpoints(), "store order, not the order given");
        assertEquals("hand-made", v.provenance().storeId());
        assertEquals(store.manifestHash(), v.provenance().manifestHash());
        assertEquals("float64", v.provenance().dataType());

        InfluenceScores g = Scorers.grand(store).score();
        assertEquals(Map.of("bias", "true", "groups", "fc"), g.provenance().options(),
                "automatic groups are resolved in the provenance");
        assertEquals(List.of("c0", "c1", "c2", "c3"), g.provenance().checkpoints());
        org.junit.jupiter.api.Assertions.assertArrayEquals(g.values(), io.github.influence4j.core.spi.InfluenceScorers.create("grand", store,
                Map.of("layers", g.provenance().options().get("groups"))).score().values(), "the recorded groups reproduce the score");

        InfluenceScores p = Scorers.pvi(store).score();
        assertEquals(List.of("c3"), p.provenance().checkpoints(), "PVI defaults to the last checkpoint");
        assertFalse(Scorers.dataMap(store).score().variability().provenance().checkpoints().isEmpty());
        assertEquals("data-map-variability", Scorers.dataMap(store).score().variability().provenance().scorer());
    }
}
