// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.core.testing.Asserts.assertClose;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.EMBEDDING;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.FACTORED;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.PARAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.TracInWeScorer;
import io.github.influence4j.scorers.gradients.WordContribution;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** TracIn-WE: equal to TracIn over the embedding layer, word-level explanations, the sign convention. */
class TracInWeTest {
    private static final TrainingArtifactStore TRAIN = GoldenStores.store("train", DataType.DOUBLE, 8,
            GoldenStores.parts(FACTORED, EMBEDDING));
    private static final TrainingArtifactStore TEST = GoldenStores.store("test", DataType.DOUBLE, 8,
            GoldenStores.parts(FACTORED, EMBEDDING));

    @Test
    void tracInOverTheEmbeddingLayerEqualsTracInWe() {
        TrainingArtifactStore train = GoldenStores.store("train", DataType.DOUBLE, 5, GoldenStores.parts(PARAM));
        TrainingArtifactStore test = GoldenStores.store("test", DataType.DOUBLE, 5, GoldenStores.parts(PARAM));
        OptionValues emb = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("emb")).build();
        assertClose(Scorers.tracInSelf(train, emb).score().values(), Scorers.tracInWe(TRAIN).score().values(), 1e-12, 0,
                "self-influence: dense dL/dE (V x D) vs sparse TracIn-WE");
        assertClose(Scorers.tracIn(train, test, emb).matrix().values(), Scorers.tracInWe(TRAIN, TEST).matrix().values(),
                1e-12, 1e-18, "influence: dense dL/dE vs sparse TracIn-WE");
    }

    @Test
    void wordContributionsRankTheSharedTokensAndSumToTheInfluence() {
        for (int topK : new int[] {0, 10}) {
            TracInWeScorer we = Scorers.tracInWe(TRAIN, TEST, OptionValues.builder().set(ScorerOptions.TOP_K, topK).build());
            InfluenceMatrix m = we.matrix();
            for (int test = 0; test < TEST.numExamples(); test++) {
                for (int train = 0; train < TRAIN.numExamples(); train += 7) {
                    List<WordContribution> words = we.explain(test, train);
                    double sum = words.stream().mapToDouble(WordContribution::contribution).sum();
                    assertClose(m.value(test, train), sum, 1e-12, 1e-16, "sum of word contributions, test " + test
                            + ", train " + train + ", top-k " + topK);
                    for (int k = 1; k < words.size(); k++) {
                        assertTrue(words.get(k - 1).contribution() >= words.get(k).contribution(), "ranked: " + words);
                    }
                    if (topK == 0) {
                        Set<Integer> shared = new TreeSet<>();
                        Arrays.stream(tokens(TEST, test)).forEach(shared::add);
                        shared.retainAll(Arrays.stream(tokens(TRAIN, train)).boxed().toList());
                        assertEquals(shared, new TreeSet<>(words.stream().map(WordContribution::tokenId).toList()));
                    }
                }
            }
        }
        // test 0 is a copy of train 5: every one of its tokens is shared
        assertEquals(Arrays.stream(tokens(TRAIN, 5)).distinct().count(), Scorers.tracInWe(TRAIN, TEST).explain(0, 5).size());
    }

    @Test
    void aTrainingExampleIdenticalToTheTestExampleIsItsTopProponent() {
        int train = GoldenStores.meta().get("identical_pair").get("train").asInt();
        int test = GoldenStores.meta().get("identical_pair").get("test").asInt();
        for (OptionValues o : List.of(OptionValues.builder().set(ScorerOptions.LAYERS, List.of("all")).build(),
                OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).build(), OptionValues.builder().set(ScorerOptions.LAYERS, List.of("EMBEDDING_GRADS")).build())) {
            TopInfluences top = Scorers.tracIn(TRAIN, TEST, o).topK(3);
            assertEquals(train, top.proponentsOf(test).get(0).trainId(), "top proponent with layers " + o.get(ScorerOptions.LAYERS));
            assertTrue(top.proponentsOf(test).get(0).value() > 0);
        }
        assertEquals(train, Scorers.tracInWe(TRAIN, TEST).topK(1).proponentsOf(test).get(0).trainId());
    }

    @Test
    void theSparseTopKPathAgreesExactlyWithTheMatrixAtEveryChunkSize() {
        for (int topK : new int[] {0, 10}) {
            TracInWeScorer we = Scorers.tracInWe(TRAIN, TEST, OptionValues.builder().set(ScorerOptions.TOP_K, topK).build());
            InfluenceMatrix m = we.matrix();
            for (int size : topK == 0 ? new int[] {1, 7, 37} : new int[] {0}) {
                TopInfluences top = we.topK(40, io.github.influence4j.core.ScoreRequest.builder().chunkSize(size).build());
                for (int t = 0; t < m.numTest(); t++) {
                    double[] row = m.row(t);
                    List<Integer> pos = new java.util.ArrayList<>();
                    List<Integer> neg = new java.util.ArrayList<>();
                    for (int j = 0; j < row.length; j++) {
                        if (row[j] > 0) {
                            pos.add(j);
                        } else if (row[j] < 0) {
                            neg.add(j);
                        }
                    }
                    pos.sort((x, y) -> row[x] != row[y] ? Double.compare(row[y], row[x]) : Integer.compare(x, y));
                    neg.sort((x, y) -> row[x] != row[y] ? Double.compare(row[x], row[y]) : Integer.compare(x, y));
                    assertEquals(pos.stream().map(j -> new TopInfluences.Influence(j, row[j])).toList(), top.proponents(t),
                            "proponents of test " + t + ", chunk " + size + ", top-k " + topK);
                    assertEquals(neg.stream().map(j -> new TopInfluences.Influence(j, row[j])).toList(), top.opponents(t),
                            "opponents of test " + t + ", chunk " + size + ", top-k " + topK);
                }
            }
        }
    }

    private static int[] tokens(TrainingArtifactStore s, int id) {
        try (var c = s.readStatic(io.github.influence4j.core.store.ArtifactKey.of(
                io.github.influence4j.core.store.ArtifactKind.TOKEN_IDS), io.github.influence4j.core.store.ExampleRange.of(id, id + 1))) {
            return c.example(0).toIntVector();
        }
    }
}
