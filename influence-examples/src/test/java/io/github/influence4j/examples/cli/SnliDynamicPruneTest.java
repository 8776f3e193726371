// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snli-prune --dynamic} on the first 300 SNLI pairs (2 epochs): a dynamic-pruning run and a
 * stream-only run beside the static pruning, recorded in results.json and dynamic.csv, and skipped
 * when the command runs again.
 */
class SnliDynamicPruneTest {
    @TempDir
    Path tmp;

    private CliRun run(Path dir) {
        return CliRun.of("snli-prune", "--dir", dir.toString(), "--limit", "300", "--epochs", "2", "--checkpoints", "2",
                "--seeds", "1", "--fractions", "0.3", "--scores", "el2n", "--dynamic", "el2n:0.3",
                "--dynamic", "data-map-confidence:0", "--no-progress");
    }

    @Test
    @Tag("slow")
    void dynamicRunsAreRecordedAndSkippedOnResume() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = tmp.resolve("snli");
        String out = run(dir).assertOk().out();
        assertTrue(out.contains("[4b/4] dynamic pruning ([el2n:0.3,warmup=1, stream-only]): 2 runs to go"), out);
        assertTrue(out.contains("examples per epoch [300, 210]"), out);
        Path clean = dir.resolve("clean");
        RunResults r = ResultsFiles.read(clean);
        List<TrainingResult> dyn = r.trainings().stream().filter(t -> t.pruning() == Pruning.DYNAMIC).toList();
        assertEquals(2, dyn.size(), dyn.toString());
        assertEquals(255, dyn.stream().filter(t -> t.score().startsWith("el2n")).findFirst().orElseThrow()
                .trainExamples(), "mean of 300 and 210 examples per epoch");
        assertTrue(dyn.stream().allMatch(t -> t.testAccuracy() > 0 && t.testAccuracy() < 1));
        List<String> csv = Files.readAllLines(clean.resolve(SnliDynamicPruning.CSV));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("\"el2n:0.3,warmup=1\",1,") && csv.get(1).contains(",300 210,"), csv.get(1));
        assertTrue(Files.isRegularFile(clean.resolve("report/index.html")));

        String again = run(dir).assertOk().out();
        assertTrue(again.contains("0 runs to go"), again);
        assertEquals(3, Files.readAllLines(clean.resolve(SnliDynamicPruning.CSV)).size());
    }

    @Test
    void rejectsABadDynamicSetting() {
        CliRun.of("snli-prune", "--dynamic", "vog-class:0.3").assertOneLineError(ExitCodes.USAGE, "is not streamed");
        CliRun.of("snli-prune", "--dynamic", "el2n:1.5").assertOneLineError(ExitCodes.USAGE, "must be in [0, 1)");
        CliRun.of("snli-prune", "--dynamic", "el2n:0.3,warm=2").assertOneLineError(ExitCodes.USAGE, "unknown option");
    }
}
