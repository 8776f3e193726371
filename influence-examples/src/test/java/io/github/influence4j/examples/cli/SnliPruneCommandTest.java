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
 * {@code snli-prune} end to end on the first 300 SNLI pairs (1 epoch, 3 checkpoints, 2 scores, one
 * fraction, clean and 20% label noise), then a simulated crash: finished steps are skipped on the
 * rerun, lost ones are redone, and redone training runs reproduce their accuracy exactly.
 */
class SnliPruneCommandTest {
    private static final String[] TINY = {"--limit", "300", "--epochs", "1", "--checkpoints", "3", "--seeds", "1",
        "--fractions", "0.3", "--scores", "vog-class,el2n", "--noise", "0.2", "--no-progress"};

    @TempDir
    Path tmp;

    private CliRun run(Path dir, String... extra) {
        String[] args = new String[TINY.length + extra.length + 3];
        args[0] = "snli-prune";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(TINY, 0, args, 3, TINY.length);
        System.arraycopy(extra, 0, args, 3 + TINY.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    @Tag("slow")
    void runsEveryStepThenResumesAfterACrashSkippingFinishedWork() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = tmp.resolve("snli");
        CliRun first = run(dir).assertOk();
        String out = first.out();
        for (String s : List.of("variant clean", "variant noise-20", "[1/4] full-data run", "[2/4] scores",
                "[4/4] pruning and retraining: 6 runs in all, 0 already done, 6 to go", "summary", "done in")) {
            assertTrue(out.contains(s), "missing '" + s + "' in:\n" + out);
        }
        Path clean = dir.resolve("clean");
        RunResults r = ResultsFiles.read(clean);
        assertEquals("snli-prune", r.experiment());
        assertEquals(300, r.dataset().trainExamples());
        assertEquals(6, r.trainings().size(), r.trainings().toString()); // full + random + easy/hard x 2 scores
        assertTrue(r.hasTraining(Pruning.HARD, "el2n", 0.3, 1));
        assertTrue(r.trainings().stream().allMatch(t -> t.testAccuracy() > 0 && t.testAccuracy() < 1));
        assertEquals(210, r.trainings().stream().filter(t -> t.pruning() == Pruning.EASY).findFirst().orElseThrow()
                .trainExamples(), "30% of 300 pruned");
        assertTrue(r.detection().isEmpty());
        for (String f : List.of("settings.json", "capture.json", "store/manifest.json", "scores/vog-class.csv",
                "scores/el2n.csv", "scores/data-map-variability.csv", "examples.csv", "summary.csv",
                "report/index.html", "report/data-map.png", "report/pruning-easy.png")) {
            assertTrue(Files.isRegularFile(clean.resolve(f)), "missing " + f);
        }
        RunResults noisy = ResultsFiles.read(dir.resolve("noise-20"));
        assertEquals(0.2, noisy.dataset().noiseRate());
        assertTrue(noisy.dataset().mislabelled() > 0 && noisy.dataset().mislabelled() <= 60, noisy.dataset().toString());
        assertEquals(2, noisy.detection().size());
        assertTrue(noisy.detection().stream().allMatch(d -> d.auroc() >= 0 && d.auroc() <= 1));
        assertTrue(Files.isRegularFile(dir.resolve("noise-20/detection.csv")));

        // crash: lose two training runs, one score, and the capture's completion record
        List<TrainingResult> kept = r.trainings().subList(0, 4);
        List<TrainingResult> lost = r.trainings().subList(4, 6);
        RunResults partial = new RunResults(r.format(), r.formatVersion(), r.experiment(), r.info(), r.dataset(),
                r.scores(), kept, r.detection(), r.examplesFile(), r.dataMap());
        ResultsFiles.write(clean, partial);
        Files.delete(clean.resolve("scores/el2n.csv"));
        Files.delete(clean.resolve("capture.json"));
        String scoreBefore = Files.readString(clean.resolve("scores/vog-class.csv"));

        CliRun second = run(dir).assertOk();
        String o2 = second.out();
        assertTrue(o2.contains("[4/4] pruning and retraining: 6 runs in all, 4 already done, 2 to go"), o2);
        assertTrue(o2.contains("[4/4] pruning and retraining: 6 runs in all, 6 already done, 0 to go"), o2);
        assertTrue(o2.contains("vog-class              already computed"), o2);
        assertTrue(o2.contains("already captured"), "noise-20 kept its capture:\n" + o2);
        assertEquals(scoreBefore, Files.readString(clean.resolve("scores/vog-class.csv")));
        RunResults after = ResultsFiles.read(clean);
        assertEquals(6, after.trainings().size());
        for (TrainingResult k : kept) {
            TrainingResult same = after.trainings().stream().filter(k::sameRun).findFirst().orElseThrow();
            assertEquals(k, same, "a finished run is kept, not redone");
        }
        for (TrainingResult l : lost) {
            TrainingResult redone = after.trainings().stream().filter(l::sameRun).findFirst().orElseThrow();
            assertEquals(l.testAccuracy(), redone.testAccuracy(), 0.0, "same seed, same subset, same model: " + l);
        }
        assertTrue(Files.isRegularFile(clean.resolve("scores/el2n.csv")));
        assertTrue(Files.isRegularFile(clean.resolve("capture.json")));
    }

    @Test
    void refusesToResumeWithOtherSettings() {
        Path dir = tmp.resolve("snli");
        new io.github.influence4j.examples.snli.SnliPruneSettings(3, 3, 1, 300, 0, 11).write(dir.resolve("clean"));
        run(dir).assertOneLineError(ExitCodes.FAILED, "was started with --epochs 3", "another --dir");
    }

    @Test
    void rejectsUnknownScores() {
        CliRun.of("snli-prune", "--scores", "vog-class,nope").assertOneLineError(ExitCodes.USAGE, "unknown score 'nope'");
    }
}
