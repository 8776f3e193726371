// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import java.util.List;
import io.github.influence4j.core.spi.OptionValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.testing.Asserts;
import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.scorers.dynamics.NeverLearned;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import io.github.influence4j.scorers.vog.Normalization;
import io.github.influence4j.scorers.vog.Spread;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every score against the PyTorch oracle ({@code ref_scores.py}; not needed to run this test) on the
 * fixtures of {@code golden/confidence-vog/} (README there: command, versions, seed): from float64
 * artifacts at rtol 1e-9, and from the same artifacts cast to float32 at rtol 1e-5 plus an atol of
 * 1e-6 x the score's largest magnitude (normalised and difference scores cross zero).
 */
class GoldenOracleTest {
    private static final Logger LOG = LoggerFactory.getLogger(GoldenOracleTest.class);
    private static final Map<String, String> WORST = new TreeMap<>();

    @TempDir
    Path tmp;

    enum Precision {
        FLOAT64(DataType.DOUBLE, 1e-9, 0.0),
        FLOAT32(DataType.FLOAT, 1e-5, 1e-6);

        final DataType type;
        final double rtol;
        final double atolScale;

        Precision(DataType type, double rtol, double atolScale) {
            this.type = type;
            this.rtol = rtol;
            this.atolScale = atolScale;
        }
    }

    private TrainingArtifactStore store(Precision p) {
        return GoldenFixture.store(StoreKind.MEMORY, tmp, p.type, 10);
    }

    static void check(Precision p, String what, double[] expected, InfluenceScores actual) {
        check(p, what, expected, actual.values());
    }

    static void check(Precision p, String what, double[] expected, double[] actual) {
        double max = 0;
        for (double e : expected) {
            max = Double.isFinite(e) ? Math.max(max, Math.abs(e)) : max;
        }
        double worstRel = 0;
        double worstAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!Double.isFinite(expected[i])) {
                continue;
            }
            double d = Math.abs(expected[i] - actual[i]);
            worstAbs = Math.max(worstAbs, d);
            if (Math.abs(expected[i]) > 1e-12 * max) {
                worstRel = Math.max(worstRel, d / Math.abs(expected[i]));
            }
        }
        String key = String.format("%-8s %-34s", p, what);
        WORST.put(key, String.format("worst rel %.2e, worst abs %.2e (max |value| %.3g)", worstRel, worstAbs, max));
        Asserts.assertClose(expected, actual, p.rtol, p.atolScale * max, p + " " + what);
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("agreement with the oracle:");
        WORST.forEach((k, v) -> sb.append("\n  ").append(k).append(' ').append(v));
        LOG.info("{}", sb);
    }

    private static OptionValues vog(Spread s, Normalization n) {
        return OptionValues.builder().set(ScorerOptions.SPREAD, s).set(ScorerOptions.NORMALIZATION, n).build();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void vogMatchesEveryOracleVariant(Precision p) {
        TrainingArtifactStore store = store(p);
        String[][] cases = {{"VARIANCE", "NONE", "vog_var"}, {"STD", "NONE", "vog"},
            {"VARIANCE", "CLASS", "vog_var_classnorm"}, {"STD", "CLASS", "vog_classnorm"},
            {"VARIANCE", "DATASET", "vog_var_datasetnorm"}, {"STD", "DATASET", "vog_datasetnorm"}};
        for (String[] c : cases) {
            InfluenceScores s = Scorers.vog(store, vog(Spread.valueOf(c[0]), Normalization.valueOf(c[1]))).score();
            check(p, "vog " + c[0] + " " + c[1] + " vs " + c[2], GoldenFixture.oracle(c[2]), s);
            assertEquals(Orientation.HIGHER_IS_HARDER, s.orientation());
        }
        assertArrayEquals(Scorers.vog(store, vog(Spread.VARIANCE, Normalization.CLASS)).score().values(),
                Scorers.vog(store).score().values(), "defaults: VARIANCE, CLASS");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void vogNeverSeesPadding(Precision p) {
        // the oracle's unmasked variant averages over all L x D padded positions; ours over T_i x D only
        double[] ours = Scorers.vog(store(p), vog(Spread.VARIANCE, Normalization.NONE)).score().values();
        double[] unmasked = GoldenFixture.oracle("vog_var_unmasked");
        double[] masked = GoldenFixture.oracle("vog_var");
        int differ = 0;
        for (int i = 0; i < ours.length; i++) {
            if (Math.abs(unmasked[i] - masked[i]) > 1e-3 * Math.abs(masked[i])) {
                differ++;
                assertTrue(Math.abs(ours[i] - unmasked[i]) > 1e-3 * Math.abs(masked[i]), "example " + i);
            }
        }
        assertTrue(differ > ours.length / 2, "the fixture has padded examples: " + differ);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void dataMapEl2nAumMatch(Precision p) {
        TrainingArtifactStore store = store(p);
        DataMap map = Scorers.dataMap(store).score();
        check(p, "data-map-confidence", GoldenFixture.oracle("confidence"), map.confidence());
        check(p, "data-map-variability", GoldenFixture.oracle("variability"), map.variability());
        check(p, "data-map-correctness", GoldenFixture.oracle("correctness"), map.correctness());
        check(p, "el2n", GoldenFixture.oracle("el2n"), Scorers.el2n(store).score());
        check(p, "aum", GoldenFixture.oracle("aum"), Scorers.aum(store).score());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void forgettingMatchesBothNeverLearnedConventions(Precision p) {
        TrainingArtifactStore store = store(p);
        check(p, "forgetting (never-learned = inf)", GoldenFixture.oracle("forgetting"), Scorers.forgetting(store,
                OptionValues.builder().set(ScorerOptions.NEVER_LEARNED, NeverLearned.INFINITY).build()).score());
        check(p, "forgetting (never-learned = C)", GoldenFixture.doubles("oracle_output_nl/forgetting.npy"),
                Scorers.forgetting(store).score());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void grandMatchesFullAndLastLayer(Precision p) {
        TrainingArtifactStore store = store(p);
        check(p, "grand layers=fc", GoldenFixture.oracle("grand_last_layer"),
                Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).build()).score());
        check(p, "grand layers=fc bias=false", GoldenFixture.oracle("grand_last_layer_w"),
                Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).set(ScorerOptions.BIAS, false).build()).score());
        check(p, "grand layers=hid,fc +emb", GoldenFixture.oracle("grand_full"),
                Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("hid", "fc", "EMBEDDING_GRADS")).build()).score());
        check(p, "grand param-groups=hid,fc +emb", GoldenFixture.oracle("grand_full"),
                Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PARAM_GRADS.hid", "PARAM_GRADS.fc", "EMBEDDING_GRADS")).build()).score());
        check(p, "grand param-groups=fc", GoldenFixture.oracle("grand_last_layer"),
                Scorers.grand(store, OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PARAM_GRADS.fc")).build()).score());
        double[] perCkpt = GoldenFixture.oracle("grand_full_per_ckpt");
        int n = GoldenFixture.numExamples();
        double[] c1c3 = new double[n];
        for (int i = 0; i < n; i++) {
            c1c3[i] = (perCkpt[n + i] + perCkpt[3 * n + i]) / 2;
        }
        check(p, "grand full checkpoints=c1,c3", c1c3, Scorers.grand(store, OptionValues.builder()
                .set(ScorerOptions.LAYERS, List.of("hid", "fc", "EMBEDDING_GRADS")).set(ScorerOptions.CHECKPOINTS, List.of("c3", "c1")).build()).score());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void pviMatchesTorchLogSoftmax(Precision p) {
        TrainingArtifactStore store = store(p);
        InfluenceScores last = Scorers.pvi(store).score();
        check(p, "pvi (last checkpoint)", GoldenFixture.doubles("extra/pvi_last.npy"), last);
        assertEquals(java.util.List.of("c3"), last.provenance().checkpoints());
        check(p, "pvi (mean of c0..c3)", GoldenFixture.doubles("extra/pvi_mean.npy"), Scorers.pvi(store,
                OptionValues.builder().set(ScorerOptions.CHECKPOINTS, List.of("c0", "c1", "c2", "c3")).build()).score());
    }
}
