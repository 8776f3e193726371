// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.core.spi.OptionValues;
import static io.github.influence4j.core.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.gradients.GradientProjection.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded projection: its factored form against the materialised gradient, its entry
 * statistics, the relative error of projected TracIn on the oracle's influence matrix as d grows,
 * and the check that train and test were projected alike.
 */
class GradientProjectionTest {
    private static final Logger LOG = LoggerFactory.getLogger(GradientProjectionTest.class);
    /** Gradient layout of the golden model: emb (V*D dense), hid (factored + bias), fc (factored + bias). */
    private static final int EMB = 30 * 6;
    private static final int HID = 5 * 6 + 5;
    private static final int FC = 3 * 5 + 3;
    private static final int P = EMB + HID + FC;

    static double[][] rows(String path) {
        return GoldenStores.npy(path).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @Test
    void theFactoredProjectionEqualsTheProjectionOfTheMaterialisedGradient() {
        GradientProjection p = GradientProjection.of(Kind.GAUSSIAN, P, 64, 5);
        String c = "artifacts/train/c1/";
        double[][] dense = rows(c + "PARAM_GRADS.hid.npy");                  // torch's hid.weight.grad (row-major) + bias
        double[][] fromDense = new double[dense.length][64];
        p.projectSegment(dense, EMB, fromDense);
        double[][] fromFactored = new double[dense.length][64];
        p.projectFactored(rows(c + "LAYER_OUTPUT_GRADS.hid.npy"), rows(c + "LAYER_INPUTS.hid.npy"), true, EMB, fromFactored);
        for (int i = 0; i < dense.length; i++) {
            assertClose(fromDense[i], fromFactored[i], 1e-12, 1e-14, "example " + i);
        }
        // a segment at an offset equals the full projection of a gradient zero elsewhere
        double[] full = new double[P];
        System.arraycopy(dense[3], 0, full, EMB, HID);
        assertClose(p.project(full), fromDense[3], 1e-12, 1e-14, "segment vs full");
    }

    @Test
    void entriesAreSeededWithMeanZeroAndVarianceOneOverD() {
        for (Kind kind : Kind.values()) {
            int d = 64;
            long cols = 4000;
            GradientProjection p = GradientProjection.of(kind, cols, d, 123);
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < d; r++) {
                for (long j = 0; j < cols; j++) {
                    double e = p.entry(r, j);
                    sum += e;
                    sq += e * e;
                    if (kind == Kind.RADEMACHER) {
                        assertEquals(1 / Math.sqrt(d), Math.abs(e), 1e-15);
                    }
                }
            }
            double count = d * (double) cols;
            assertEquals(0, sum / count * Math.sqrt(d), 0.01, kind + " mean");
            assertEquals(1, sq / count * d, 0.02, kind + " variance x d");
            assertEquals(p.entry(3, 77), GradientProjection.of(kind, cols, d, 123).entry(3, 77), 0, "same seed");
            assertNotEquals(p.entry(3, 77), GradientProjection.of(kind, cols, d, 124).entry(3, 77), "other seed");
            assertEquals(p, GradientProjection.fromAttributes(p.attributes(), "test"));
        }
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GradientProjection.fromAttributes(Map.of("projection", "gaussian"), "PROJECTED_GRADS of x"));
        assertTrue(e.getMessage().contains("lacks the attribute") && e.getMessage().contains("PROJECTED_GRADS of x"), e.getMessage());
    }

    /** Projects the golden artifacts (all parameters) of one split into a PROJECTED_GRADS store. */
    static TrainingArtifactStore projected(String split, GradientProjection p, String id) {
        JsonNode meta = GoldenStores.meta();
        int n = meta.get(split.equals("train") ? "n_train" : "n_test").asInt();
        ArtifactWriter w = MemoryStores.create(new StoreSpec(id, n, 3, 16));
        for (JsonNode c : meta.get("checkpoints")) {
            String base = "artifacts/" + split + "/" + c.get("id").asText() + "/";
            double[][] out = new double[n][p.dim()];
            p.projectSegment(rows(base + "PARAM_GRADS.emb.npy"), 0, out);
            p.projectFactored(rows(base + "LAYER_OUTPUT_GRADS.hid.npy"), rows(base + "LAYER_INPUTS.hid.npy"), true, EMB, out);
            p.projectFactored(rows(base + "LAYER_OUTPUT_GRADS.fc.npy"), rows(base + "LAYER_INPUTS.fc.npy"), true, EMB + HID, out);
            try (CheckpointWriter cw = w.beginCheckpoint(new Checkpoint(c.get("id").asText(), c.get("step").asLong(),
                    c.get("epoch").asInt(), c.get("lr").asDouble(), 0))) {
                ArtifactKey key = ArtifactKey.of(ArtifactKind.PROJECTED_GRADS);
                cw.write(key, 0, Nd4j.createFromArray(out).castTo(DataType.FLOAT));
                cw.setAttributes(key, p.attributes());
                cw.commit();
            }
        }
        return w.store();
    }

    @Test
    void theRelativeErrorOfProjectedTracInFallsAsTheDimensionGrows() {
        double[] exact = GoldenStores.oracle("influence_tracin");
        double[] exactSelf = GoldenStores.oracle("tracin_self");
        OptionValues o = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS")).build();
        int[] dims = {8, 32, 128, 512, 2048, 8192};
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            double[] err = new double[dims.length];
            for (int k = 0; k < dims.length; k++) {
                GradientProjection p = GradientProjection.of(kind, P, dims[k], 2024);
                TrainingArtifactStore train = projected("train", p, "train-" + dims[k]);
                TrainingArtifactStore test = projected("test", p, "test-" + dims[k]);
                err[k] = relativeFrobenius(exact, Scorers.tracIn(train, test, o).matrix().values());
                double selfErr = relativeFrobenius(exactSelf, Scorers.tracInSelf(train, o).score().values());
                lines.add(String.format("%-10s d=%4d  matrix rel. Frobenius error %.4f  self-influence %.4f", kind,
                        dims[k], err[k], selfErr));
            }
            assertTrue(err[5] < err[0] / 8, kind + ": error at d=8192 (" + err[5] + ") vs d=8 (" + err[0] + ")");
            assertTrue(err[3] < err[1] && err[5] < err[3], kind + ": errors at d=32, 512, 8192: " + err[1] + ", "
                    + err[3] + ", " + err[5]);
            assertTrue(err[5] < 0.1, kind + ": error at d=8192 is " + err[5]);
        }
        LOG.info("projected TracIn (all parameters, P = {}) against the oracle:\n{}", P, String.join("\n", lines));
    }

    @Test
    void scoringAgainstADifferentlyProjectedTestStoreIsAnError() {
        GradientProjection p = GradientProjection.of(Kind.GAUSSIAN, P, 16, 1);
        OptionValues o = OptionValues.builder().set(ScorerOptions.LAYERS, List.of("PROJECTED_GRADS")).build();
        TrainingArtifactStore train = projected("train", p, "train");
        IncompatibleStoreException seed = assertThrows(IncompatibleStoreException.class,
                () -> Scorers.tracIn(train, projected("test", GradientProjection.of(Kind.GAUSSIAN, P, 16, 2), "test"), o));
        assertTrue(seed.getMessage().contains("projection-seed: 1 vs 2"), seed.getMessage());
        IncompatibleStoreException kind = assertThrows(IncompatibleStoreException.class,
                () -> Scorers.tracIn(train, projected("test", GradientProjection.of(Kind.RADEMACHER, P, 16, 1), "test"), o));
        assertTrue(kind.getMessage().contains("projection: gaussian vs rademacher"), kind.getMessage());
        IncompatibleStoreException dim = assertThrows(IncompatibleStoreException.class,
                () -> Scorers.tracIn(train, projected("test", GradientProjection.of(Kind.GAUSSIAN, P, 17, 1), "test"), o));
        assertTrue(dim.getMessage().contains("[16]") && dim.getMessage().contains("[17]"), dim.getMessage());
        Scorers.tracIn(train, projected("test", p, "test"), o).matrix();    // the same projection is fine
    }

    static double relativeFrobenius(double[] exact, double[] approx) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < exact.length; i++) {
            num += (approx[i] - exact[i]) * (approx[i] - exact[i]);
            den += exact[i] * exact[i];
        }
        return Math.sqrt(num / den);
    }
}
