package io.github.influence4j.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScorers;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.confidence.AumOptions;
import io.github.influence4j.scorers.confidence.DataMapOptions;
import io.github.influence4j.scorers.confidence.El2nOptions;
import io.github.influence4j.scorers.confidence.ForgettingOptions;
import io.github.influence4j.scorers.confidence.GrandOptions;
import io.github.influence4j.scorers.confidence.NeverLearned;
import io.github.influence4j.scorers.confidence.PviOptions;
import io.github.influence4j.scorers.testing.HandMadeStore;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import io.github.influence4j.scorers.vog.VogOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Discovery through the SPI, string options (parsed by OptionReader) and the options records. */
class ProvidersAndOptionsTest {
    static final List<String> NAMES = List.of("vog", "data-map-confidence", "data-map-variability",
            "data-map-correctness", "el2n", "grand", "forgetting", "aum", "pvi");
    private final TrainingArtifactStore store = HandMadeStore.memory();

    @Test
    void everyScorerIsDiscoverableByName() {
        Set<String> found = InfluenceScorers.available().stream().map(InfluenceScorerProvider::name)
                .collect(Collectors.toSet());
        assertTrue(found.containsAll(NAMES), found.toString());
        for (String name : NAMES) {
            InfluenceScorerProvider p = InfluenceScorers.provider(name);
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
        same(Scorers.vog(store, VogOptions.builder().spread(Spread.STD).normalization(Normalization.DATASET)
                .checkpoints("c0", "c1", "c3").build()),
                "vog", Map.of("spread", "std", "normalization", "Dataset", "checkpoints", "c0, c1,c3"));
        same(Scorers.forgetting(store, ForgettingOptions.builder().neverLearned(NeverLearned.INFINITY).build()),
                "forgetting", Map.of("never-learned", "infinity"));
        same(Scorers.grand(store, GrandOptions.builder().layers("fc").bias(false).build()),
                "grand", Map.of("layers", "fc", "bias", "false"));
        same(Scorers.pvi(store, PviOptions.builder().checkpoints("c1", "c2").build()),
                "pvi", Map.of("checkpoints", "c1,c2"));
        same(Scorers.dataMap(store, DataMapOptions.builder().checkpoints("c0", "c1").build()).variability(),
                "data-map-variability", Map.of("checkpoints", "c0,c1"));
        same(Scorers.el2n(store, El2nOptions.builder().checkpoints("c1").build()), "el2n", Map.of("checkpoints", "c1"));
        same(Scorers.aum(store, AumOptions.builder().checkpoints("c2").build()), "aum", Map.of("checkpoints", "c2"));
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
            {"forgetting", "never-learned", "1000"}, {"grand", "bias", "yes"}, {"grand", "embeddings", "1"},
            {"el2n", "checkpoints", "c1,c1"}};
        for (String[] b : bad) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> InfluenceScorers.create(b[0], store, Map.of(b[1], b[2])), String.join(" ", b));
            assertTrue(e.getMessage().contains(b[1]) || e.getMessage().contains("twice"), e.getMessage());
        }
    }

    @Test
    void optionsRoundTripThroughStringsAndHaveDocumentedDefaults() {
        VogOptions v = VogOptions.builder().spread(Spread.STD).normalization(Normalization.NONE).checkpoints("a", "b").build();
        assertEquals(v, VogOptions.fromMap(v.toMap()));
        assertEquals(VogOptions.defaults(), VogOptions.fromMap(Map.of()));
        assertEquals(Spread.VARIANCE, VogOptions.defaults().spread());
        assertEquals(Normalization.CLASS, VogOptions.defaults().normalization());
        ForgettingOptions f = ForgettingOptions.builder().checkpoints("x").neverLearned(NeverLearned.INFINITY).build();
        assertEquals(f, ForgettingOptions.fromMap(f.toMap()));
        assertEquals(NeverLearned.CHECKPOINT_COUNT, ForgettingOptions.defaults().neverLearned());
        GrandOptions g = GrandOptions.builder().layers("a", "b").paramGroups("p").embeddings(true).bias(false)
                .checkpoints("c").build();
        assertEquals(g, GrandOptions.fromMap(g.toMap()));
        assertTrue(GrandOptions.defaults().automatic() && GrandOptions.defaults().bias());
        assertEquals(PviOptions.builder().checkpoints("z").build(), PviOptions.fromMap(Map.of("checkpoints", "z")));
        assertEquals(El2nOptions.defaults(), El2nOptions.fromMap(El2nOptions.defaults().toMap()));
        assertEquals(AumOptions.defaults(), AumOptions.fromMap(Map.of()));
        assertEquals(DataMapOptions.defaults(), DataMapOptions.fromMap(Map.of()));
        for (String name : NAMES) {
            assertTrue(InfluenceScorers.provider(name).options().containsKey("checkpoints"), name);
        }
    }

    @Test
    void builderSettersMaySetOnce() {
        assertThrows(IllegalStateException.class, () -> VogOptions.builder().spread(Spread.STD).spread(Spread.VARIANCE));
        assertThrows(IllegalStateException.class, () -> GrandOptions.builder().bias(true).bias(false));
        assertThrows(IllegalStateException.class, () -> ForgettingOptions.builder().checkpoints("a").checkpoints("b"));
        assertThrows(IllegalArgumentException.class, () -> GrandOptions.builder().layers("fc", "fc").build());
    }
}
