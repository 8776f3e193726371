// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.examples.report.RunResults.DataMapColumns;
import io.github.influence4j.examples.report.RunResults.DatasetInfo;
import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.RunInfo;
import io.github.influence4j.examples.report.RunResults.ScoreInfo;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** A made-up but well-formed run directory, as snli-prune would write it. */
final class SyntheticResults {
    static final List<String> SCORES = List.of("vog", "el2n", "forgetting");
    static final List<Double> FRACTIONS = List.of(0.1, 0.3, 0.45);

    private SyntheticResults() {
    }

    static RunResults results() {
        RunResults r = RunResults.start("snli-prune",
                new RunInfo("influence4j snli-prune --quick", "abc123", "Linux/amd64, 2 cores", "17", "2025-01-01T00:00:00Z",
                        321.5),
                new DatasetInfo("SNLI dev", "SNLI test", 600, 300, List.of("entailment", "neutral", "contradiction"), 0.1,
                        58),
                List.of(new ScoreInfo("vog", "HIGHER_IS_HARDER", "VoG <class-norm>"),
                        new ScoreInfo("el2n", "HIGHER_IS_HARDER", "EL2N"),
                        new ScoreInfo("forgetting", "HIGHER_IS_HARDER", "forgetting events")));
        Random rnd = new Random(3);
        for (long seed = 1; seed <= 3; seed++) {
            r = r.withTraining(new TrainingResult(Pruning.NONE, RunResults.FULL, 0, seed, 0.67 + 0.005 * rnd.nextGaussian(),
                    600, 5, 10));
            for (double f : FRACTIONS) {
                r = r.withTraining(new TrainingResult(Pruning.RANDOM, RunResults.RANDOM, f, seed,
                        0.67 - 0.1 * f + 0.005 * rnd.nextGaussian(), (int) (600 * (1 - f)), 5, 8));
                for (String s : SCORES) {
                    r = r.withTraining(new TrainingResult(Pruning.EASY, s, f, seed, 0.67 - 0.05 * f + 0.005 * rnd.nextGaussian(),
                            (int) (600 * (1 - f)), 5, 8));
                    r = r.withTraining(new TrainingResult(Pruning.HARD, s, f, seed, 0.67 - 0.2 * f + 0.005 * rnd.nextGaussian(),
                            (int) (600 * (1 - f)), 5, 8));
                }
            }
        }
        return r.withDetection(List.of(new DetectionResult("el2n", 0.91, 0.6, 58)))
                .withExamples("examples.csv", new DataMapColumns("data-map-confidence", "data-map-variability",
                        "data-map-correctness"));
    }

    static ExampleTable examples() {
        int n = 600;
        Random rnd = new Random(5);
        int[] ids = new int[n];
        int[] labels = new int[n];
        boolean[] noisy = new boolean[n];
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String s : List.of("vog", "el2n", "forgetting", "data-map-confidence", "data-map-variability",
                "data-map-correctness")) {
            cols.put(s, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            labels[i] = i % 3;
            noisy[i] = i % 10 == 0;
            double conf = noisy[i] ? 0.2 * rnd.nextDouble() : rnd.nextDouble();
            cols.get("data-map-confidence")[i] = conf;
            cols.get("data-map-variability")[i] = 0.5 * conf * (1 - conf) * rnd.nextDouble();
            cols.get("data-map-correctness")[i] = Math.round(conf * 10) / 10.0;
            cols.get("vog")[i] = rnd.nextGaussian() + labels[i];
            cols.get("el2n")[i] = 1 - conf;
            cols.get("forgetting")[i] = rnd.nextInt(4);
        }
        cols.get("forgetting")[7] = Double.POSITIVE_INFINITY;
        return new ExampleTable(ids, labels, Optional.of(noisy), cols);
    }

    static void write(Path dir) throws Exception {
        ResultsFiles.write(dir, results());
        examples().write(dir.resolve("examples.csv"));
    }
}
