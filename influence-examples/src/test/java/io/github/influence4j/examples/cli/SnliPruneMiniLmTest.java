// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snli-prune --encoder minilm} end to end on the first 60 SNLI pairs with 20% label noise:
 * the pretrained transformer's lower layers cached, its top layers fine-tuned with capture, the
 * scores, mislabel detection, pruning and retraining; then the settings guard and the score guard.
 */
class SnliPruneMiniLmTest {
    @TempDir
    Path tmp;

    @Test
    void theTransformerRunsTheWholeProtocolAndGuardsItsSettings() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = tmp.resolve("minilm");
        String[] args = {"snli-prune", "--encoder", "minilm", "--dir", dir.toString(), "--limit", "60", "--epochs", "1",
            "--checkpoints", "2", "--seeds", "1", "--fractions", "0.3", "--scores", "vog-class,tracin-self,el2n",
            "--noise", "0.2", "--no-clean", "--no-progress"};
        String out = CliRun.of(args).assertOk().out();
        for (String s : List.of("all-MiniLM-L6-v2", "layers 0-3 frozen", "full-data run (minilm)",
                "the captured run (training is deterministic)",
                "[4/4] pruning and retraining: 8 runs in all, 1 already done, 7 to go", "done in")) {
            assertTrue(out.contains(s), "missing '" + s + "' in:\n" + out);
        }
        Path v = dir.resolve("noise-20");
        RunResults r = ResultsFiles.read(v);
        assertEquals(60, r.dataset().trainExamples());
        assertEquals(8, r.trainings().size(), r.trainings().toString());
        assertEquals(3, r.detection().size());
        assertTrue(r.trainings().stream().allMatch(t -> t.testAccuracy() > 0 && t.testAccuracy() < 1));
        assertTrue(Files.isRegularFile(dir.resolve("minilm-cache/train-L4.hsc")));
        try (TrainingArtifactStore store = ArtifactStores.open(v.resolve("store"))) {
            assertEquals(2, store.checkpoints().size());
            String cp = store.checkpoints().get(0).id();
            // VoG's input gradients: one 384-vector per sub-word token of each pair, as TOKEN_IDS has them
            int[] lengths = new int[60];
            double[] g = store.readRaggedDoubles(cp, ArtifactKey.of(ArtifactKind.INPUT_GRADS), ExampleRange.of(0, 60),
                    lengths);
            try (ArtifactChunk tokens = store.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), ExampleRange.of(0, 60))) {
                long sum = 0;
                for (int i = 0; i < 60; i++) {
                    assertEquals(tokens.length(i), lengths[i], "pair " + i);
                    sum += lengths[i];
                }
                assertEquals(sum * 384, g.length);
            }
        }
        // the same directory with the CNN: refused, naming the setting
        String[] cnn = args.clone();
        cnn[2] = "cnn";
        CliRun refused = CliRun.of(cnn);
        assertTrue(refused.exitCode() != 0 && refused.err().contains("--encoder minilm"), refused.err());
        CliRun layers = CliRun.of(args[0], args[1], args[2], args[3], args[4], "--train-layers", "1", "--limit", "60",
                "--epochs", "1", "--checkpoints", "2", "--noise", "0.2", "--no-clean", "--no-progress");
        assertTrue(layers.exitCode() != 0 && layers.err().contains("--train-layers 2 (now 1)"), layers.err());
        // TracIn-WE needs word-embedding gradients, which the cached lower layers do not give
        CliRun we = CliRun.of("snli-prune", "--encoder", "minilm", "--dir", tmp.resolve("we").toString(), "--scores",
                "tracin-we-self", "--limit", "60", "--no-progress");
        assertTrue(we.exitCode() != 0 && we.err().contains("tracin-we-self"), we.err());
        CliRun bogus = CliRun.of("snli-prune", "--encoder", "bert", "--no-progress");
        assertTrue(bogus.exitCode() != 0 && bogus.err().contains("--encoder must be cnn or minilm"), bogus.err());
    }
}
