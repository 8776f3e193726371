// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.examples.report.ExampleTable;
import io.github.influence4j.examples.report.Pruning;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on a tiny size, and the other subcommands on the store it writes. */
class DemoCommandTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static CliRun demo;

    @BeforeAll
    static void runDemo() {
        System.setProperty("java.awt.headless", "true");
        dir = tmp.resolve("demo");
        demo = DemoRun.run(dir);
    }

    @Test
    void demoRunsEndToEndAndReportsThePlantedExamples() throws Exception {
        demo.assertOk();
        String out = demo.out();
        for (String section : List.of("[1/4] training 4 epochs", "[2/4] scoring", "[3/4] where the 6 planted",
                "[4/4] pruning 30%", "done in")) {
            assertTrue(out.contains(section), "missing '" + section + "' in:\n" + out);
        }
        assertTrue(out.contains("el2n") && out.contains("vog") && out.contains("data-map-confidence"), out);
        assertTrue(out.contains("*"), "the hardest lists mark planted examples:\n" + out);

        RunResults r = ResultsFiles.read(dir);
        assertEquals("demo", r.experiment());
        int scores = r.scores().size();
        assertTrue(scores >= 8, "scores: " + r.scores());
        // 1 seed: full + random + (easy + hard) x scores at one fraction
        assertEquals(1 + 1 + 2 * scores, r.trainings().size());
        assertTrue(r.hasTraining(Pruning.EASY, "el2n", 0.3, 1));
        assertEquals(scores, r.detection().size());
        RunResults.DetectionResult el2n = r.detection().stream().filter(d -> d.score().equals("el2n")).findFirst()
                .orElseThrow();
        assertTrue(el2n.auroc() > 0.75, "EL2N should find flipped labels well above chance: " + el2n);
        ExampleTable t = ExampleTable.read(dir.resolve("examples.csv"));
        assertEquals(300, t.size());
        assertEquals(6, java.util.stream.IntStream.range(0, 300).filter(i -> t.noisy().orElseThrow()[i]).count());
        assertTrue(r.dataMap().present());
        assertTrue(Files.isRegularFile(dir.resolve("report/index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("report/data-map.png")));
        assertTrue(Files.isRegularFile(dir.resolve("scores/vog.csv")));
    }

    @Test
    void inspectSummarisesTheStore() {
        CliRun r = CliRun.of("inspect", "--store", DemoRun.store(dir).toString()).assertOk();
        String o = r.out();
        assertTrue(o.contains("examples 300, classes 3"), o);
        assertTrue(o.contains("checkpoints (4)"), o);
        assertTrue(o.contains("epoch-4"), o);
        assertTrue(o.contains("INPUT_GRADS") && o.contains("[T_i, 16] ragged"), o);
        assertTrue(o.contains("LAYER_INPUTS.head") && o.contains("float32"), o);
        assertTrue(o.contains("size on disk"), o);
    }

    @Test
    void scoreWritesCsvAndNpyThatReadBackIdentically() throws Exception {
        Path csv = tmp.resolve("out/el2n.csv");
        CliRun r = CliRun.of("score", "--store", DemoRun.store(dir).toString(), "--scorer", "el2n", "--out", csv.toString())
                .assertOk();
        assertTrue(r.out().contains("el2n: 300 examples") && r.out().contains("hardest 10"), r.out());
        var fromCsv = ScoresFile.read(csv, java.util.Optional.empty());
        var demoCsv = ScoresFile.read(dir.resolve("scores/el2n.csv"), java.util.Optional.empty());
        org.junit.jupiter.api.Assertions.assertArrayEquals(demoCsv.values(), fromCsv.values());
        Path npy = tmp.resolve("out/el2n.npy");
        CliRun.of("score", "--store", DemoRun.store(dir).toString(), "--scorer", "el2n", "--out", npy.toString(),
                "--chunk-size", "7").assertOk();
        var fromNpy = ScoresFile.read(npy, java.util.Optional.of(fromCsv.orientation()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(fromCsv.values(), fromNpy.values());
    }

    @Test
    void scorerOptionsReachTheScorerAndBadOnesAreOneLine() {
        String store = DemoRun.store(dir).toString();
        CliRun.of("score", "--store", store, "--scorer", "vog", "--option", "normalization=DATASET", "--top", "0")
                .assertOk();
        CliRun.of("score", "--store", store, "--scorer", "vog", "--option", "normalisation=DATASET")
                .assertOneLineError(ExitCodes.USAGE, "normalisation");
        CliRun.of("score", "--store", store, "--scorer", "vog", "--option", "spread=WIDE")
                .assertOneLineError(ExitCodes.USAGE, "spread", "WIDE");
        CliRun.of("score", "--store", store, "--scorer", "pvi")
                .assertOneLineError(ExitCodes.FAILED, "NULL_LOGITS");
    }

    @Test
    void selectPrunesTheEasiestByTheScoresFile() throws Exception {
        Path keep = tmp.resolve("keep.csv");
        CliRun r = CliRun.of("select", "--scores", dir.resolve("scores/el2n.csv").toString(), "--policy",
                "prune-easy:0.3", "--labels", DemoRun.store(dir).toString(), "--out", keep.toString()).assertOk();
        assertTrue(r.out().contains("kept 210 of 300"), r.out());
        assertTrue(r.out().contains("per class"), r.out());
        List<String> lines = Files.readAllLines(keep);
        assertEquals("example_id", lines.get(1));
        assertEquals(210, lines.size() - 2);
        // the kept examples are the 210 with the highest EL2N (higher is harder; ties: lower id easier)
        var s = ScoresFile.read(dir.resolve("scores/el2n.csv"), java.util.Optional.empty());
        double[] v = s.values();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> v[a] != v[b] ? Double.compare(v[a], v[b]) : Integer.compare(a, b));
        int[] expected = java.util.Arrays.stream(order).skip(90).mapToInt(Integer::intValue).sorted().toArray();
        int[] kept = lines.stream().skip(2).mapToInt(Integer::parseInt).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, kept);
    }

    @Test
    void reportRegeneratesFromTheRunDirectory() {
        CliRun r = CliRun.of("report", "--run", dir.toString()).assertOk();
        assertTrue(r.out().contains("wrote ") && r.out().contains("index.html"), r.out());
    }

    @Test
    void customScorerScoresTheStoreWhenOnTheClasspath() throws Exception {
        String store = DemoRun.store(dir).toString();
        CliRun.of("score", "--store", store, "--scorer", "loss-mean").assertOneLineError(ExitCodes.USAGE,
                "no scorer named 'loss-mean'");
        CliRun r = CustomScorerDiscoveryTest.withCustomScorerOnClasspath(() -> CliRun.of("score", "--store", store,
                "--scorer", "loss-mean", "--option", "last=2", "--out", tmp.resolve("lm.csv").toString()));
        r.assertOk();
        assertTrue(r.out().contains("loss-mean: 300 examples") && r.out().contains("2 checkpoints used"), r.out());
    }
}
