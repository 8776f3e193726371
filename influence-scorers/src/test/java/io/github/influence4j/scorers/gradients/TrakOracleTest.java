// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.influence4j.core.InfluenceMatrix;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.TrainToTestScorer;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.ScorerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * TRAK against the numpy goldens of src/test/resources/golden/trak (README there): a tiny MLP,
 * per-example loss gradients as capture writes them, and expected scores computed from
 * independently derived margin gradients, an explicit projection matrix and numpy's solve, in
 * float64 (tolerance 1e-9 of the largest magnitude).
 */
class TrakOracleTest {
    private static final String ROOT = "/golden/trak/";

    static JsonNode meta() {
        return GoldenStores.meta(ROOT);
    }

    static INDArray npy(String path) {
        return GoldenStores.npy(ROOT, path);
    }

    /** A store of one model and split: static LABELS, one checkpoint "final" with LOGITS and the factored gradients. */
    static TrainingArtifactStore store(int model, String split, int chunkSize, boolean logits) {
        JsonNode meta = meta();
        int n = meta.get(split.equals("train") ? "n_train" : "n_test").asInt();
        ArtifactWriter w = MemoryStores.create(new StoreSpec("trak-golden-m" + model + "-" + split, n,
                meta.get("K").asInt(), chunkSize));
        String base = "artifacts/model" + model + "/" + split + "/";
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, npy(base + "LABELS.npy").castTo(DataType.INT));
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("final", 10, 1, 0.1, model))) {
            if (logits) {
                c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, npy(base + "LOGITS.npy"));
            }
            for (String layer : List.of("hid", "fc")) {
                c.write(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer), 0, npy(base + "LAYER_INPUTS." + layer + ".npy"));
                c.write(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer), 0,
                        npy(base + "LAYER_OUTPUT_GRADS." + layer + ".npy"));
            }
            c.commit();
        }
        return w.store();
    }

    static TrainToTestScorer scorer(JsonNode c, int chunkSize) {
        List<TrainingArtifactStore> trains = new ArrayList<>();
        List<TrainingArtifactStore> tests = new ArrayList<>();
        for (JsonNode m : c.get("models")) {
            trains.add(store(m.asInt(), "train", chunkSize, true));
            tests.add(store(m.asInt(), "test", chunkSize, true));
        }
        List<String> layers = new ArrayList<>();
        c.get("layers").forEach(l -> layers.add(l.asText()));
        OptionValues o = OptionValues.builder().set(ScorerOptions.LAYERS, layers)
                .set(GradientScorers.PROJECTION_DIM, c.get("k").asInt())
                .set(GradientScorers.PROJECTION_SEED, c.get("seed").asLong())
                .set(GradientScorers.PROJECTION, GradientProjection.Kind.valueOf(c.get("kind").asText().toUpperCase()))
                .set(GradientScorers.LAMBDA, c.get("lam").asText()).build();
        return Scorers.trak(trains, tests, o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"projected_ensemble", "projected_rademacher", "fc_exact_ridge"})
    void matchesTheNumpyOracle(String name) {
        double[] expected = npy("oracle/" + name + ".npy").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double scale = java.util.Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        for (int chunk : new int[] {7, 64}) {
            InfluenceMatrix m = scorer(meta().get("cases").get(name), chunk).matrix();
            assertEquals(meta().get("n_test").asInt(), m.numTest());
            double[] got = m.values();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-9 * scale, name + " entry " + i + " (chunk " + chunk + ")");
            }
        }
    }

    /** The golden gradients of hid and fc projected at capture time into PROJECTED_GRADS (with LOGITS and LABELS). */
    static TrainingArtifactStore projectedStore(int model, String split, GradientProjection p) {
        TrainingArtifactStore src = store(model, split, 64, true);
        int n = src.numExamples();
        ArtifactWriter w = MemoryStores.create(new StoreSpec(src.id() + "-proj", n, 3, 16));
        w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, npy("artifacts/model" + model + "/" + split + "/LABELS.npy")
                .castTo(DataType.INT));
        double[][] out = new double[n][p.dim()];
        long offset = 0;
        for (String layer : List.of("hid", "fc")) {
            double[][] a = npy("artifacts/model" + model + "/" + split + "/LAYER_INPUTS." + layer + ".npy").toDoubleMatrix();
            double[][] d = npy("artifacts/model" + model + "/" + split + "/LAYER_OUTPUT_GRADS." + layer + ".npy")
                    .toDoubleMatrix();
            p.projectFactored(d, a, true, offset, out);
            offset += GradientProjection.factoredWidth(d[0].length, a[0].length, true);
        }
        try (CheckpointWriter c = w.beginCheckpoint(new Checkpoint("final", 10, 1, 0.1, model))) {
            c.write(ArtifactKey.of(ArtifactKind.LOGITS), 0, npy("artifacts/model" + model + "/" + split + "/LOGITS.npy"));
            c.write(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), 0, org.nd4j.linalg.factory.Nd4j.createFromArray(out));
            c.setAttributes(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), p.attributes());
            c.commit();
        }
        return w.store();
    }

    @Test
    void projectedGradientsCapturedAheadGiveTheSameScores() {
        JsonNode c = meta().get("cases").get("projected_ensemble");
        GradientProjection p = GradientProjection.of(GradientProjection.Kind.GAUSSIAN, 43, c.get("k").asInt(),
                c.get("seed").asLong());
        TrainToTestScorer s = Scorers.trak(List.of(projectedStore(0, "train", p), projectedStore(1, "train", p)),
                List.of(projectedStore(0, "test", p), projectedStore(1, "test", p)),
                OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS")).build());
        double[] expected = npy("oracle/projected_ensemble.npy").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double scale = java.util.Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        double[] got = s.matrix().values();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-9 * scale, "entry " + i);
        }
    }

    @Test
    void topKAgreesWithTheMatrixAndTestSubsetsWithTheFullRun() {
        TrainToTestScorer s = scorer(meta().get("cases").get("projected_ensemble"), 16);
        InfluenceMatrix full = s.matrix();
        int[] pick = {1, 4};
        InfluenceMatrix sub = s.matrix(ScoreRequest.builder().examples(pick).build());
        for (int t = 0; t < pick.length; t++) {
            assertArrayEquals(full.row(pick[t]), sub.row(t), 1e-12);
        }
        TopInfluences top = s.topK(3);
        for (int t = 0; t < full.numTest(); t++) {
            double[] row = full.row(t);
            int best = IntStream.range(0, row.length).boxed().max((a, b) -> Double.compare(row[a], row[b])).orElseThrow();
            assertEquals(best, top.proponents(t).get(0).trainId(), "test " + t);
        }
        assertTrue(full.provenance().options().get("ensemble").startsWith("2 members"));
    }

    @Test
    void refusesStoresWithoutLogitsAndBadOptions() {
        OptionValues o = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("fc")).build();
        MissingArtifactException e = assertThrows(MissingArtifactException.class, () -> Scorers.trak(
                List.of(store(0, "train", 16, false)), List.of(store(0, "test", 16, false)), o));
        assertTrue(e.getMessage().contains("LOGITS"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> Scorers.trak(List.of(store(0, "train", 16, true)),
                List.of(), o));
        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> Scorers.trak(
                List.of(store(0, "train", 16, true)), List.of(store(0, "test", 16, true)),
                OptionValues.builder().set(GradientScorers.LAMBDA, "abc").build()));
        assertTrue(bad.getMessage().contains("lambda"), bad.getMessage());
    }

    @Test
    void aSingularKernelWithoutRidgeIsACleanError() {
        // 40 examples, k = 43 > rank: the gradients of width 43 are used as they are and Phi^T Phi is singular
        OptionValues o = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("hid", "fc"))
                .set(GradientScorers.PROJECTION_DIM, 64).build();
        TrainToTestScorer s = Scorers.trak(List.of(store(0, "train", 16, true)), List.of(store(0, "test", 16, true)), o);
        ConfigurationException e = assertThrows(ConfigurationException.class, s::matrix);
        assertTrue(e.getMessage().contains("raise lambda"), e.getMessage());
    }
}
