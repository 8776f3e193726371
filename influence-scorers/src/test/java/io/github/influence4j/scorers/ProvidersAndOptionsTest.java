// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.spi.OptionValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorers;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.testing.HandMadeStore;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Discovery through the SPI, string options (parsed by each ScorerDefinition) and typed OptionValues. */
class ProvidersAndOptionsTest {
    static final List<String> NAMES = List.of("vog", "data-map-confidence", "data-map-variability",
            "data-map-correctness", "el2n", "grand", "forgetting", "aum", "pvi");
    private final TrainingArtifactStore store = HandMadeStore.memory();

    @Test
    void everyScorerIsDiscoverableByName() {
        Set<String> found = InfluenceScorers.available().stream().map(ScorerDefinition::name)
                .collect(Collectors.toSet());
        assertTrue(found.containsAll(NAMES), found.toString());
        for (String name : NAMES) {
            ScorerDefinition p = InfluenceScorers.definition(name);
            assertTrue(!p.description().isBlank() && !p.options().isEmpty(), name);
            InfluenceScorer s = InfluenceScorers.create(name, store, Map.of());
            assertEquals(name, s.name());
            InfluenceScores scores = s.score();
            assertEquals(name, scores.name());
            assertEquals(name, scores.provenance().scorer());
            assertTrue(p.requiredArtifacts().containsAll(s.requiredArtifacts()) || name.equals("grand"), name);
        }
    }

    @Test
    void stringOptionsGiveTheSameScoresAsTheFacade() {
        same(Scorers.vog(store, OptionValues.builder().set(ScorerOptions.SPREAD, Spread.STD).set(ScorerOptions.NORMALIZATION, Normalization.DATASET)
                .set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1", "c3")).build()),
                "vog", Map.of("spread", "std", "normalization", "Dataset", "checkpoints", "c0, c1,c3"));
        same(Scorers.forgetting(store, OptionValues.builder().set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY).build()),
                "forgetting", Map.of("never-learned", "infinity"));
        same(Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).set(ScorerOptions.BIAS, false).build()),
                "grand", Map.of("layers", "fc", "bias", "false"));
        same(Scorers.pvi(store, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c1", "c2")).build()),
                "pvi", Map.of("checkpoints", "c1,c2"));
        same(Scorers.dataMap(store, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1")).build()).variability(),
                "data-map-variability", Map.of("checkpoints", "c0,c1"));
        same(Scorers.el2n(store, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c1")).build()), "el2n", Map.of("checkpoints", "c1"));
        same(Scorers.aum(store, OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c2")).build()), "aum", Map.of("checkpoints", "c2"));
    }

    private void same(InfluenceScorer facade, String name, Map<String, String> options) {
        InfluenceScores a = facade.score();
        InfluenceScores b = InfluenceScorers.create(name, store, options).score();
        assertArrayEquals(a.values(), b.values(), name + " " + options);
        assertEquals(a.provenance().options(), b.provenance().options(), name);
        assertEquals(a.provenance().checkpoints(), b.provenance().checkpoints(), name);
    }

    @Test
    void unknownKeysAndBadValuesAreErrors() {
        for (String name : NAMES) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> InfluenceScorers.create(name, store, Map.of("chekpoints", "c1")), name);
            assertTrue(e.getMessage().contains("chekpoints"), e.getMessage());
        }
        String[][] bad = {{"vog", "spread", "sd"}, {"vog", "normalization", "class-wise"},
            {"forgetting", "never-learned", "1000"}, {"grand", "bias", "yes"}, {"grand", "layers", "fc,fc"},
            {"el2n", "checkpoints", "c1,c1"}};
        for (String[] b : bad) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> InfluenceScorers.create(b[0], store, Map.of(b[1], b[2])), String.join(" ", b));
            assertTrue(e.getMessage().contains(b[1]) || e.getMessage().contains("twice"), e.getMessage());
        }
    }

    @Test
    void optionsRoundTripThroughStringsAndHaveDocumentedDefaults() {
        ScorerDefinition vog = InfluenceScorers.definition("vog");
        OptionValues v = vog.resolve(OptionValues.builder().set(ScorerOptions.SPREAD, Spread.STD)
                .set(ScorerOptions.NORMALIZATION, Normalization.NONE).set(ScorerOptions.CHECKPOINTS, List.of("a", "b")).build());
        assertEquals(v, vog.parse(v.toMap()));
        assertEquals(vog.resolve(OptionValues.defaults()), vog.parse(Map.of()));
        assertEquals(Spread.VARIANCE, vog.parse(Map.of()).get(ScorerOptions.SPREAD));
        assertEquals(Normalization.CLASS, vog.parse(Map.of()).get(ScorerOptions.NORMALIZATION));
        ScorerDefinition forgetting = InfluenceScorers.definition("forgetting");
        OptionValues f = forgetting.resolve(OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("x"))
                .set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY).build());
        assertEquals(f, forgetting.parse(f.toMap()));
        assertEquals(NeverLearned.CHECKPOINT_COUNT, forgetting.parse(Map.of()).get(ScorerOptions.NEVER_LEARNED));
        ScorerDefinition grand = InfluenceScorers.definition("grand");
        OptionValues g = grand.resolve(OptionValues.builder().set(ScorerOptions.LAYERS, List.of("a", "PARAM_GRADS.p",
                "EMBEDDING_GRADS")).set(ScorerOptions.BIAS, false).set(ScorerOptions.CHECKPOINTS, List.of("c")).build());
        assertEquals(g, grand.parse(g.toMap()));
        assertTrue(grand.parse(Map.of()).get(ScorerOptions.LAYERS).isEmpty() && grand.parse(Map.of()).get(ScorerOptions.BIAS));
        for (String name : NAMES) {
            ScorerDefinition d = InfluenceScorers.definition(name);
            assertEquals(d.resolve(OptionValues.defaults()), d.parse(d.resolve(OptionValues.defaults()).toMap()), name);
            assertTrue(d.optionHelp().containsKey("checkpoints"), name);
        }
    }

    @Test
    void anOptionAScorerDoesNotTakeIsAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Scorers.el2n(store, OptionValues.of(ScorerOptions.SPREAD, Spread.STD)));
        assertTrue(e.getMessage().contains("spread") && e.getMessage().contains("checkpoints"), e.getMessage());
    }

    @Test
    void builderSettersMaySetOnce() {
        assertThrows(IllegalStateException.class, () -> OptionValues.builder().set(ScorerOptions.SPREAD, Spread.STD).set(ScorerOptions.SPREAD, Spread.VARIANCE));
        assertThrows(IllegalStateException.class, () -> OptionValues.builder().set(ScorerOptions.BIAS, true).set(ScorerOptions.BIAS, false));
        assertThrows(IllegalStateException.class, () -> OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("a"))
                .set(ScorerOptions.CHECKPOINTS, List.of("b")));
        assertThrows(ConfigurationException.class, () -> Scorers.grand(store, OptionValues.of(ScorerOptions.LAYERS,
                List.of("fc", "fc"))));
    }
}
