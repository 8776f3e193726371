// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snli-prune --quick} (on the first 60 pairs, scores only): the 20%-noise variant, 2 epochs,
 * 4 checkpoints, and a store holding only the artifact kinds its scores read.
 */
class SnliQuickPresetTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunsTheNoiseVariantAndCapturesOnlyWhatItsScoresRead() {
        CliRun r = CliRun.of("snli-prune", "--quick", "--limit", "60", "--no-pruning", "--no-progress", "--dir",
                tmp.toString()).assertOk();
        assertTrue(r.out().contains("variant noise-20") && !r.out().contains("variant clean"), r.out());
        assertTrue(r.out().contains("2 epochs") && r.out().contains("capturing [LOGITS]"), r.out());
        RunResults res = ResultsFiles.read(tmp.resolve("noise-20"));
        assertEquals(0.2, res.dataset().noiseRate());
        assertEquals(2, res.detection().size(), "detection AUROC of el2n, forgetting");
        try (TrainingArtifactStore s = ArtifactStores.open(tmp.resolve("noise-20/store"))) {
            assertTrue(s.checkpoints().size() >= 2, s.checkpoints().toString());
            for (Checkpoint c : s.checkpoints()) {
                Set<ArtifactKind> kinds = s.artifacts(c.id()).keySet().stream().map(ArtifactKey::kind)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ArtifactKind.class)));
                assertEquals(EnumSet.of(ArtifactKind.LOGITS), kinds, c.id());
            }
        }
    }
}
