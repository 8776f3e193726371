// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.core.testing.Asserts.assertClose;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.EMBEDDING;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.FACTORED;
import static io.github.influence4j.scorers.gradients.GoldenStores.Part.PARAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GoldenStores.Backend;
import io.github.influence4j.scorers.gradients.GoldenStores.Part;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TracIn and TracIn-WE against the PyTorch oracle's goldens (README in
 * src/test/resources/golden/tracin): self-influence of the training set and the [test x train]
 * matrix, for every parameter-group selection the oracle computes, from artifacts stored in
 * float64 (rtol 1e-9) and float32 (rtol 1e-5 plus an absolute 1e-5 of the largest magnitude).
 */
class TracInOracleTest {
    private static final Logger LOG = LoggerFactory.getLogger(TracInOracleTest.class);
    private static final List<String> WORST = new ArrayList<>();

    @TempDir
    Path tmp;

    /** One comparison: stores to build, how to score, which goldens. */
    record Case(String what, Set<Part> parts, Function<TrainingArtifactStore, InfluenceScorer> self,
            BiFunction<TrainingArtifactStore, TrainingArtifactStore, TrainToTestScorer> cross, String selfGolden,
            String matrixGolden) {
        @Override
        public String toString() {
            return what;
        }
    }

    static OptionValues layers(String... names) {
        return OptionValues.builder().set(ScorerOptions.LAYERS, List.of(names)).build();
    }

    static Case tracIn(String what, Set<Part> parts, OptionValues o, String selfGolden, String matrixGolden) {
        return new Case(what, parts, s -> Scorers.tracInSelf(s, o), (tr, te) -> Scorers.tracIn(tr, te, o), selfGolden,
                matrixGolden);
    }

    static List<Case> cases() {
        OptionValues top10 = OptionValues.builder().set(ScorerOptions.TOP_K, 10).build();
        return List.of(
                tracIn("all groups (factored hid+fc, sparse embedding)", GoldenStores.parts(FACTORED, EMBEDDING),
                        layers("all"), "tracin_self", "influence_tracin"),
                tracIn("all groups from PARAM_GRADS emb,hid,fc", GoldenStores.parts(PARAM), layers("emb", "hid", "fc"),
                        "tracin_self", "influence_tracin"),
                tracIn("embedding, sparse (EMBEDDING_GRADS)", GoldenStores.parts(EMBEDDING), layers("EMBEDDING_GRADS"),
                        "tracin_we_self", "influence_tracin_we"),
                tracIn("embedding, dense PARAM_GRADS.emb", GoldenStores.parts(PARAM), layers("emb"), "tracin_we_self",
                        "influence_tracin_we"),
                tracIn("fc factored", GoldenStores.parts(FACTORED), layers("fc"), "tracin_fc_self", "influence_tracin_fc"),
                tracIn("fc from PARAM_GRADS", GoldenStores.parts(PARAM), layers("fc"), "tracin_fc_self",
                        "influence_tracin_fc"),
                tracIn("fc weight only (TracInCPFast)", GoldenStores.parts(FACTORED),
                        OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).set(ScorerOptions.BIAS, false).build(), "tracin_fast_self",
                        "influence_tracin_fast"),
                tracIn("default = hid, the last dense layer before the head", GoldenStores.parts(FACTORED, EMBEDDING),
                        OptionValues.defaults(), "tracin_hid_self", "influence_tracin_hid"),
                tracIn("hid from PARAM_GRADS", GoldenStores.parts(PARAM), layers("hid"), "tracin_hid_self",
                        "influence_tracin_hid"),
                tracIn("all groups, learning rates ignored", GoldenStores.parts(FACTORED, EMBEDDING),
                        OptionValues.builder().set(ScorerOptions.LAYERS, List.of("all")).set(ScorerOptions.USE_LEARNING_RATE, false).build(), "tracin_nolr_self",
                        "influence_tracin_nolr"),
                new Case("TracIn-WE facade", GoldenStores.parts(EMBEDDING), Scorers::tracInWe, Scorers::tracInWe,
                        "tracin_we_self", "influence_tracin_we"),
                new Case("TracIn-WE-Top10 facade", GoldenStores.parts(EMBEDDING), s -> Scorers.tracInWe(s, top10),
                        (tr, te) -> Scorers.tracInWe(tr, te, top10), "tracin_we_top10_self",
                        "influence_tracin_we_top10"));
    }

    static Stream<Arguments> casesAndDtypes() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, DataType.DOUBLE), Arguments.of(c, DataType.FLOAT)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndDtypes")
    void matchesOracle(Case c, DataType dtype) {
        check(c, dtype, Backend.MEMORY, 7);
    }

    static Stream<Arguments> fileStoreCases() {
        return cases().stream().filter(c -> c.what().startsWith("all groups (") || c.what().startsWith("TracIn-WE-Top10"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "file store: {0}")
    @MethodSource("fileStoreCases")
    void matchesOracleOnTheFileStore(Case c) {
        check(c, DataType.FLOAT, Backend.FILE, 8);
    }

    private void check(Case c, DataType dtype, Backend backend, int chunk) {
        TrainingArtifactStore train = GoldenStores.store("train", dtype, chunk, c.parts(), backend, tmp);
        TrainingArtifactStore test = GoldenStores.store("test", dtype, chunk, c.parts(), backend, tmp);
        boolean f64 = dtype == DataType.DOUBLE;
        InfluenceScores self = c.self().apply(train).score();
        compare(c + " self-influence [" + dtype + ", " + backend + "]", GoldenStores.oracle(c.selfGolden()), self.values(),
                f64);
        assertArrayEquals(java.util.stream.IntStream.range(0, train.numExamples()).toArray(), self.exampleIds());
        InfluenceMatrix m = c.cross().apply(train, test).matrix();
        assertEquals(test.numExamples(), m.numTest());
        assertEquals(train.numExamples(), m.numTrain());
        compare(c + " influence matrix [" + dtype + ", " + backend + "]", GoldenStores.oracle(c.matrixGolden()),
                m.values(), f64);
    }

    static void compare(String what, double[] expected, double[] actual, boolean f64) {
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double worstNorm = 0;
        double worstRel = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            worstNorm = Math.max(worstNorm, d / max);
            if (Math.abs(expected[i]) > 1e-6 * max) {
                worstRel = Math.max(worstRel, d / Math.abs(expected[i]));
            }
        }
        String line = String.format("%-95s max|diff|/max|ref| %.2e, worst elementwise rel %.2e", what, worstNorm, worstRel);
        synchronized (WORST) {
            WORST.add(line);
        }
        if (f64) {
            assertClose(expected, actual, 1e-9, 1e-13 * max, what);
        } else {
            assertClose(expected, actual, 1e-5, 1e-5 * max, what);
        }
    }

    @AfterAll
    static void report() {
        LOG.info("oracle agreement:\n{}", String.join("\n", WORST));
    }
}
