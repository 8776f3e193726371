// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.spi.OptionValues;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.testing.HandMadeStore;
import io.github.influence4j.scorers.testing.StoreBuilder;
import io.github.influence4j.scorers.vog.Normalization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every kind of bad input fails with a clear error naming what and where. */
class BadInputTest {
    private static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    private static final ArtifactKey INPUT_GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);

    private static <T extends InfluenceException> void fails(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void vogNeedsTwoCheckpoints() {
        TrainingArtifactStore one = StoreBuilder.memory(2, 2).labels(0, 1).checkpoint("only", 0.1)
                .ragged(INPUT_GRADS, new double[][][] {{{1}}, {{2}}}, 1).build();
        fails(ConfigurationException.class, () -> Scorers.vog(one), "at least 2 checkpoints", "[only]", "store 'test'");
        TrainingArtifactStore hand = HandMadeStore.memory();
        fails(ConfigurationException.class, () -> InfluenceScorers.create("vog", hand, Map.of("checkpoints", "c1")),
                "at least 2", "checkpoints=[c1]");
        assertThrows(ConfigurationException.class, () -> Scorers.vog(hand, OptionValues.of(ScorerOptions.CHECKPOINTS, List.of("c1"))));
    }

    @Test
    void labelOutsideTheClassRange() {
        TrainingArtifactStore s = StoreBuilder.memory(3, 2).labels(0, 2, 1).checkpoint("a", 0.1)
                .dense(LOGITS, new double[][] {{1, 0}, {0, 1}, {1, 1}}).checkpoint("b", 0.1)
                .dense(LOGITS, new double[][] {{1, 0}, {0, 1}, {1, 1}}).build();
        fails(IncompatibleStoreException.class, () -> Scorers.el2n(s).score(), "LABELS of example 1", "is 2",
                "[0, 2)", "el2n");
        fails(IncompatibleStoreException.class, () -> Scorers.dataMap(s).score(), "LABELS of example 1");
        TrainingArtifactStore neg = StoreBuilder.memory(2, 2).labels(-1, 0).checkpoint("a", 0.1)
                .ragged(INPUT_GRADS, new double[][][] {{{1}}, {{2}}}, 1).checkpoint("b", 0.1)
                .ragged(INPUT_GRADS, new double[][][] {{{1}}, {{3}}}, 1).build();
        fails(IncompatibleStoreException.class, () -> Scorers.vog(neg).score(), "LABELS of example 0", "is -1", "vog");
    }

    @Test
    void embeddingGradientsNotAlignedWithTheTokenIds() {
        ArtifactKey emb = ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS);
        TrainingArtifactStore s = StoreBuilder.memory(2, 2).labels(0, 1).tokens(new long[][] {{4, 5, 4}, {7, 8}})
                .checkpoint("a", 0.1).ragged(emb, new double[][][] {{{1}, {2}, {3}}, {{4}, {5}, {6}}}, 1).build();
        fails(io.github.influence4j.core.exception.CorruptStoreException.class, () -> Scorers.tracInWe(s).score(),
                "example 1 has 2 TOKEN_IDS but 3 EMBEDDING_GRADS rows", "same real positions");
    }

    @Test
    void logitsOfTheWrongWidth() {
        // the writers refuse such logits, so present them through a store that misreports its width
        TrainingArtifactStore s = new WideLogits(HandMadeStore.memory());
        fails(IncompatibleStoreException.class, () -> Scorers.aum(s).score(), "LOGITS", "checkpoint 'c0'", "[4]",
                "expected [3]", "K = 3");
    }

    @Test
    void pviWithoutNullLogits() {
        TrainingArtifactStore s = StoreBuilder.memory(2, 2).labels(0, 1).checkpoint("a", 0.1)
                .dense(LOGITS, new double[][] {{1, 0}, {0, 1}}).build();
        fails(MissingArtifactException.class, () -> Scorers.pvi(s), "pvi needs [LOGITS, NULL_LOGITS]",
                "a: [LOGITS]", "null model");
    }

    @Test
    void missingArtifacts() {
        TrainingArtifactStore noLabels = StoreBuilder.memory(2, 2).checkpoint("a", 0.1)
                .dense(LOGITS, new double[][] {{1, 0}, {0, 1}}).build();
        fails(MissingArtifactException.class, () -> Scorers.forgetting(noLabels), "forgetting needs LABELS");
        TrainingArtifactStore hand = HandMadeStore.memory();
        fails(MissingArtifactException.class, () -> Scorers.grand(hand, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("hid")).build()),
                "LAYER_INPUTS.hid");
        fails(MissingArtifactException.class, () -> Scorers.grand(hand, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PARAM_GRADS.fc")).build()),
                "PARAM_GRADS.fc");
        fails(ConfigurationException.class, () -> Scorers.el2n(hand,
                OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c9")).build()),
                "no committed checkpoint 'c9'", "[c0, c1, c2, c3]");
    }

    @Test
    void nanInAnArtifactNamesScorerCheckpointExampleAndKind() {
        double[][][] good = {{{1, 1}}, {{1, 1}}, {{1, 1}}};
        double[][][] bad = {{{1, 1}}, {{1, 1}, {2, Double.NaN}}, {{1, 1}}};
        TrainingArtifactStore s = StoreBuilder.memory(3, 2).labels(0, 1, 0)
                .checkpoint("c0", 0.1).ragged(INPUT_GRADS, good, 2)
                .checkpoint("c1", 0.1).ragged(INPUT_GRADS, new double[][][] {good[0], bad[1], good[2]}, 2).build();
        fails(NumericalException.class, () -> Scorers.vog(s, OptionValues.builder().set(ScorerOptions.NORMALIZATION, Normalization.NONE)
                .build()).score(), "vog: ", "INPUT_GRADS of example 1", "position 1", "checkpoint 'c1'", "NaN");
        TrainingArtifactStore l = StoreBuilder.memory(2, 2).labels(0, 1).checkpoint("e1", 0.1)
                .dense(LOGITS, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}).build();
        fails(NumericalException.class, () -> Scorers.dataMap(l).score(), "data-map: ", "LOGITS of example 1",
                "checkpoint 'e1'", "Infinity");
    }

    @Test
    void raggedLengthsThatChangeBetweenCheckpoints() {
        TrainingArtifactStore s = StoreBuilder.memory(2, 2).labels(0, 1)
                .checkpoint("c0", 0.1).ragged(INPUT_GRADS, new double[][][] {{{1}}, {{1}, {2}}}, 1)
                .checkpoint("c1", 0.1).ragged(INPUT_GRADS, new double[][][] {{{1}}, {{1}}}, 1).build();
        fails(IncompatibleStoreException.class, () -> Scorers.vog(s).score(), "INPUT_GRADS of example 1",
                "1 positions at checkpoint 'c1' but 2 at checkpoint 'c0'");
    }

    @Test
    void embeddingGradientsNeedTokenIds() {
        TrainingArtifactStore s = StoreBuilder.memory(1, 2).labels(0).checkpoint("c0", 0.1)
                .ragged(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS), new double[][][] {{{1}}}, 1).build();
        fails(MissingArtifactException.class, () -> Scorers.grand(s, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("EMBEDDING_GRADS")).build()),
                "TOKEN_IDS");
    }

    /** Presents every LOGITS chunk with K + 1 columns. */
    private static final class WideLogits implements TrainingArtifactStore {
        private final TrainingArtifactStore d;

        WideLogits(TrainingArtifactStore d) {
            this.d = d;
        }

        @Override
        public StoreSpec spec() {
            return d.spec();
        }

        @Override
        public List<Checkpoint> checkpoints() {
            return d.checkpoints();
        }

        @Override
        public Map<ArtifactKey, ArtifactInfo> staticArtifacts() {
            return d.staticArtifacts();
        }

        @Override
        public Map<ArtifactKey, ArtifactInfo> artifacts(String checkpointId) {
            Map<ArtifactKey, ArtifactInfo> m = new TreeMap<>(d.artifacts(checkpointId));
            m.put(LOGITS, wide());
            return m;
        }

        private ArtifactInfo wide() {
            return new ArtifactInfo(LOGITS, DataType.DOUBLE, List.of((long) d.numClasses() + 1), Map.of());
        }

        @Override
        public ArtifactChunk readStatic(ArtifactKey key, ExampleRange range) {
            return d.readStatic(key, range);
        }

        @Override
        public ArtifactChunk read(String checkpointId, ArtifactKey key, ExampleRange range) {
            if (key.equals(LOGITS)) {
                return ArtifactChunk.dense(wide(), range, Nd4j.zeros(DataType.DOUBLE, range.size(), d.numClasses() + 1));
            }
            return d.read(checkpointId, key, range);
        }

        @Override
        public String manifestHash() {
            return d.manifestHash();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
