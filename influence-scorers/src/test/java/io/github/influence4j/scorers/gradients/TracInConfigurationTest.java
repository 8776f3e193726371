// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.EMBEDDING;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.FACTORED;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.PARAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringListener;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.Scorers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Option parsing, the SPI, layer resolution and every error a user can provoke. */
class TracInConfigurationTest {
    private static final TrainingArtifactStore TRAIN = GoldenStores.store("train", DataType.DOUBLE, 16,
            GoldenStores.parts(FACTORED, EMBEDDING));
    private static final TrainingArtifactStore TEST = GoldenStores.store("test", DataType.DOUBLE, 16,
            GoldenStores.parts(FACTORED, EMBEDDING));

    @Test
    void providersAreFoundByNameAndAgreeWithTheFacade() {
        List<String> names = InfluenceScorers.available().stream().map(ScorerDefinition::name).toList();
        assertTrue(names.containsAll(List.of("tracin-self", "tracin-we-self", "tracin-we-topk-self")), names.toString());
        InfluenceScores spi = InfluenceScorers.create("tracin-self", TRAIN, Map.of("layers", "fc,hid", "bias", "false"))
                .score();
        InfluenceScores facade = Scorers.tracInSelf(TRAIN, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc", "hid")).set(ScorerOptions.BIAS, false).build())
                .score();
        assertArrayEquals(facade.values(), spi.values());
        assertEquals(Orientation.HIGHER_IS_HARDER, spi.orientation());
        assertEquals("fc(weight only),hid(weight only)", spi.provenance().options().get("groups"));
        assertArrayEquals(GoldenStores.oracle("tracin_hid_self"),
                InfluenceScorers.create("tracin-self", TRAIN, Map.of()).score().values(), 1e-12);
        assertArrayEquals(GoldenStores.oracle("tracin_we_top10_self"),
                InfluenceScorers.create("tracin-we-topk-self", TRAIN, Map.of()).score().values(), 1e-12);
        assertArrayEquals(GoldenStores.oracle("tracin_we_self"),
                InfluenceScorers.create("tracin-we-self", TRAIN, Map.of("checkpoints", "c0,c1,c2")).score().values(), 1e-12);
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> InfluenceScorers.create("tracin-self", TRAIN, Map.of("layer", "fc")));
        assertTrue(unknown.getMessage().contains("[layer]"), unknown.getMessage());
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> InfluenceScorers.create("tracin-we-topk-self", TRAIN, Map.of("top-k", "0")));
        assertTrue(bad.getMessage().contains("top-k='0'"), bad.getMessage());
        assertThrows(ConfigurationException.class,
                () -> InfluenceScorers.create("tracin-self", TRAIN, Map.of("max-matrix-bytes", "lots")));
        ScorerDefinition d = InfluenceScorers.definition("tracin-self");
        assertEquals(d.parse(Map.of()), d.parse(d.parse(Map.of()).toMap()));
    }

    @Test
    void ignoringLearningRatesWarnsAndIsRecorded() {
        List<String> warnings = new ArrayList<>();
        ScoringListener l = new ScoringListener() {
            @Override
            public void onWarning(String scorer, String message) {
                warnings.add(message);
            }
        };
        InfluenceScores s = InfluenceScorers.create("tracin-self", TRAIN, Map.of("use-learning-rate", "false"))
                .score(ScoreRequest.builder().listener(l).build());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("learning rates ignored"), warnings.toString());
        assertEquals("false", s.provenance().options().get("use-learning-rate"));
        assertEquals("1.0,1.0,1.0", s.provenance().options().get("etas"));
        assertEquals("0.8,0.5,0.2", Scorers.tracInSelf(TRAIN).score().provenance().options().get("etas"));
        assertEquals(List.of("c0", "c1", "c2"), s.provenance().checkpoints());
    }

    @Test
    void checkpointsMustMatchBetweenTrainAndTestStores() {
        TrainingArtifactStore twoCheckpoints = factoredStore("test", new double[] {0.8, 0.5}, new String[] {"c0", "c1"});
        IncompatibleStoreException missing = assertThrows(IncompatibleStoreException.class,
                () -> Scorers.tracIn(TRAIN, twoCheckpoints, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).build()));
        assertTrue(missing.getMessage().contains("checkpoint 'c2'") && missing.getMessage().contains("[c0, c1]"),
                missing.getMessage());
        TrainingArtifactStore otherLr = factoredStore("test", new double[] {0.8, 0.4, 0.2}, new String[] {"c0", "c1", "c2"});
        IncompatibleStoreException lr = assertThrows(IncompatibleStoreException.class,
                () -> Scorers.tracIn(TRAIN, otherLr, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).build()));
        assertTrue(lr.getMessage().contains("'c1' has learning rate 0.5") && lr.getMessage().contains("but 0.4"),
                lr.getMessage());
        // selecting the common checkpoints works
        Scorers.tracIn(TRAIN, twoCheckpoints, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1")).build())
                .matrix();
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> Scorers.tracInSelf(TRAIN, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c9")).build()));
        assertTrue(unknown.getMessage().contains("[c9]"), unknown.getMessage());
    }

    @Test
    void groupsAreResolvedOrRefusedClearly() {
        MissingArtifactException none = assertThrows(MissingArtifactException.class,
                () -> Scorers.tracInSelf(TRAIN, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("conv")).build()));
        assertTrue(none.getMessage().contains("no parameter group 'conv'") && none.getMessage().contains("fc, hid"),
                none.getMessage());
        TrainingArtifactStore both = GoldenStores.store("train", DataType.DOUBLE, 16, GoldenStores.parts(PARAM, EMBEDDING));
        ConfigurationException ambiguous = assertThrows(ConfigurationException.class,
                () -> Scorers.tracInSelf(both, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("all")).build()));
        assertTrue(ambiguous.getMessage().contains("may describe the same parameters"), ambiguous.getMessage());
        MissingArtifactException noFactored = assertThrows(MissingArtifactException.class, () -> Scorers.tracInSelf(both));
        assertTrue(noFactored.getMessage().contains("last dense layer before the head"), noFactored.getMessage());
        // the head alone: no default
        TrainingArtifactStore headOnly = factoredStore("h", new double[] {1}, new String[] {"c0"});
        ConfigurationException head = assertThrows(ConfigurationException.class, () -> Scorers.tracInSelf(headOnly));
        assertTrue(head.getMessage().contains("only the head was captured"), head.getMessage());
        // layer-index attributes decide when widths cannot
        ArtifactWriter w = MemoryStores.create(new StoreSpec("idx", 2, 3, 2));
        try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint("c0", 1, 0, 1, 0))) {
            for (String layer : new String[] {"a", "b", "c"}) {
                ArtifactKey in = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer);
                ArtifactKey out = ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer);
                cw.write(in, 0, Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
                cw.write(out, 0, Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 1, 1}}));
                cw.setAttributes(out, Map.of(GradientScorers.LAYER_INDEX_ATTRIBUTE, layer.equals("a") ? "2" : layer.equals("b") ? "0" : "1"));
            }
            cw.commit();
        }
        assertEquals("c", Scorers.tracInSelf(w.store()).score().provenance().options().get("groups"));
    }

    @Test
    void aMatrixOverTheMemoryLimitIsRefusedButTopKStillRuns() {
        OptionValues small = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).set(ScorerOptions.MAX_MATRIX_BYTES, 1000L).build();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Scorers.tracIn(TRAIN, TEST, small).matrix());
        assertTrue(e.getMessage().contains("2880 bytes") && e.getMessage().contains("topK"), e.getMessage());
        assertEquals(TEST.numExamples(), Scorers.tracIn(TRAIN, TEST, small).topK(2).testIds().length);
    }

    /** A store whose only gradients are the golden fc layer (the head), with chosen checkpoint ids and lrs. */
    private static TrainingArtifactStore factoredStore(String split, double[] lrs, String[] ids) {
        int n = split.equals("train") || split.equals("h") ? 36 : 10;
        String dir = split.equals("h") ? "train" : split;
        ArtifactWriter w = MemoryStores.create(new StoreSpec(split, n, 3, 16));
        for (int c = 0; c < lrs.length; c++) {
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint(ids[c], c, c, lrs[c], 0))) {
                for (ArtifactKind k : new ArtifactKind[] {ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS}) {
                    cw.write(ArtifactKey.of(k, "fc"), 0, GoldenStores.npy("artifacts/" + dir + "/" + ids[c] + "/" + k + ".fc.npy"));
                }
                cw.commit();
            }
        }
        return w.store();
    }
}
