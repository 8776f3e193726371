// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.selection.ScoreAnalysis;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.file.WriteOptions;
import io.github.influence4j.scorers.testing.GoldenFixture;
import io.github.influence4j.scorers.testing.StoreKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Float16 storage of the gradient kinds ({@link WriteOptions#GRADIENT_KINDS}) on the golden
 * fixture (the PyTorch oracle's model and data): every score stays within the bound stated in
 * docs/BENCHMARKS.md against the same store in float32, Spearman rank correlation at least
 * {@value #MIN_SPEARMAN} and max |float16 - float32| / max |float32| at most {@value #MAX_REL};
 * the logit scores, whose LOGITS stay float32, are bit-identical.
 */
class Float16StorageTest {
    static final double MIN_SPEARMAN = 0.999;
    static final double MAX_REL = 2e-3;

    @Test
    void everyScoreStaysWithinTheBound(@TempDir Path dir) {
        TrainingArtifactStore f32 = GoldenFixture.store(StoreKind.FILE, dir.resolve("f32"), DataType.FLOAT, 7);
        Path half = dir.resolve("f16");
        copy(f32, half, WriteOptions.defaults().withFloat16(WriteOptions.GRADIENT_KINDS));
        Map<String, Function<TrainingArtifactStore, InfluenceScorer>> scorers = everyScorer();
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        try (TrainingArtifactStore f16 = ArtifactStores.open(half)) {
            for (Map.Entry<String, Function<TrainingArtifactStore, InfluenceScorer>> e : scorers.entrySet()) {
                double[] a = e.getValue().apply(f32).score().values();
                double[] b = e.getValue().apply(f16).score().values();
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < a.length; i++) {
                    scale = Math.max(scale, Math.abs(a[i]));
                    diff = Math.max(diff, Math.abs(a[i] - b[i]));
                }
                double rel = scale == 0 ? diff : diff / scale;
                double rho = ScoreAnalysis.spearman(a, b);
                report.append(String.format(java.util.Locale.ROOT, "%s: spearman %.6f, max rel %.2e%n", e.getKey(), rho,
                        rel));
                ok &= rho >= MIN_SPEARMAN && rel <= MAX_REL;
            }
        }
        org.slf4j.LoggerFactory.getLogger(Float16StorageTest.class).info("float16 vs float32 storage:\n{}", report);
        assertTrue(ok, report.toString());
    }

    /** @return every self-influence and training-dynamics scorer over the golden fixture, by name */
    static Map<String, Function<TrainingArtifactStore, InfluenceScorer>> everyScorer() {
        Map<String, Function<TrainingArtifactStore, InfluenceScorer>> scorers = new LinkedHashMap<>();
        scorers.put("vog", Scorers::vog);
        scorers.put("tracin-self", Scorers::tracInSelf);
        scorers.put("tracin-self fc", st -> Scorers.tracInSelf(st, OptionValues.of(ScorerOptions.LAYERS, List.of("fc"))));
        scorers.put("tracin-we-self", Scorers::tracInWe);
        scorers.put("grand", Scorers::grand);
        scorers.put("el2n", Scorers::el2n);
        scorers.put("aum", Scorers::aum);
        scorers.put("forgetting", Scorers::forgetting);
        scorers.put("pvi", Scorers::pvi);
        return scorers;
    }

    /** Copies every committed artifact into a new file store written as {@code options} say. */
    static void copy(TrainingArtifactStore s, Path dir, WriteOptions options) {
        try (ArtifactWriter w = ArtifactStores.create(dir, s.spec(), options)) {
            s.staticArtifacts().forEach((k, info) -> copyArtifact(s, "", k, info, w));
            w.commit();
            for (Checkpoint c : s.checkpoints()) {
                try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                    s.artifacts(c.id()).forEach((k, info) -> copyArtifact(s, c.id(), k, info, cw));
                    cw.commit();
                }
            }
        }
    }

    private static void copyArtifact(TrainingArtifactStore s, String cp, ArtifactKey key, ArtifactInfo info,
            ArtifactSink w) {
        if (!info.attributes().isEmpty()) {
            w.setAttributes(key, info.attributes());
        }
        for (ExampleRange r : s.chunkRanges()) {
            try (ArtifactChunk c = cp.isEmpty() ? s.readStatic(key, r) : s.read(cp, key, r)) {
                if (info.isRagged()) {
                    int[] lengths = new int[c.size()];
                    for (int i = 0; i < lengths.length; i++) {
                        lengths[i] = c.length(i);
                    }
                    w.writeRagged(key, r.from(), c.values(), lengths);
                } else {
                    w.write(key, r.from(), c.values());
                }
            }
        }
    }
}
