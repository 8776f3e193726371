// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.exception.StoreNotFoundException;
import io.github.influence4j.core.selection.ScoreAnalysis;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.demo.Ranking;
import io.github.influence4j.examples.demo.SyntheticData;
import io.github.influence4j.examples.report.ExampleTable;
import io.github.influence4j.examples.report.ResultsFiles;
import io.github.influence4j.examples.report.RunResults;
import io.github.influence4j.examples.report.RunResults.DataMapColumns;
import io.github.influence4j.examples.report.RunResults.DatasetInfo;
import io.github.influence4j.examples.report.RunResults.DetectionResult;
import io.github.influence4j.examples.report.RunResults.RunInfo;
import io.github.influence4j.examples.report.RunResults.ScoreInfo;
import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The demo's run directory: clearing old output, the detection table, results and examples files. */
final class DemoFiles {
    /** Files the demo writes into scores/ and report/, and nothing else there is deleted. */
    private static final Set<String> OWN_EXTENSIONS = Set.of(".csv", ".png", ".html", ".npy", ".tmp");

    private DemoFiles() {
    }

    /**
     * Creates the run directory and removes the output of an earlier demo in it.
     *
     * @param dir the run directory
     * @throws CliException if {@code dir/store} exists but is not a store, or scores/ or report/
     *     hold files the demo did not write
     */
    static void prepare(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new CliException("--dir " + dir + " is a file; name a directory");
            }
            Files.createDirectories(dir);
            Path store = dir.resolve("store");
            try {
                ArtifactStores.delete(store); // manifest last: a kill meanwhile leaves something to delete again
            } catch (StoreNotFoundException e) {
                throw new CliException(store + " exists and is not an influence4j store; choose another --dir");
            }
            for (String sub : List.of("scores", "report")) {
                Path p = dir.resolve(sub);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        Optional<Path> foreign = s.filter(f -> !Files.isRegularFile(f) || OWN_EXTENSIONS.stream()
                                .noneMatch(e -> f.getFileName().toString().endsWith(e))).findFirst();
                        if (foreign.isPresent()) {
                            throw new CliException(foreign.get() + " was not written by the demo; choose another --dir");
                        }
                    }
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Prints, per score, where the planted examples rank, and returns AUROC and precision@k.
     *
     * @param o where to print
     * @param scores the scores
     * @param data the data with its planted ids
     * @return one detection result per score
     */
    static List<DetectionResult> printDetection(PrintWriter o, List<InfluenceScores> scores, SyntheticData data) {
        int n = data.size();
        int m = data.planted().length;
        int top1 = Math.max(1, n / 100);
        int top5 = Math.max(1, n / 20);
        o.printf(Locale.ROOT, "      %-28s %5s %7s %12s %12s %12s%n", "score", "hard", "AUROC", "in top " + m,
                "in top 1%", "in top 5%");
        List<DetectionResult> out = new ArrayList<>();
        for (InfluenceScores s : scores) {
            int[] ranks = Ranking.ranksOf(s, data.planted());
            double auroc = m == 0 ? Double.NaN : ScoreAnalysis.mislabelAuroc(s, mask(s, data));
            int atK = Ranking.countWithin(ranks, m);
            out.add(new DetectionResult(s.name(), auroc, m == 0 ? Double.NaN
                    : ScoreAnalysis.precisionAtK(s, mask(s, data), m), m));
            o.printf(Locale.ROOT, "      %-28s %5s %7.3f %12s %12s %12s%n", s.name(),
                    s.orientation() == Orientation.HIGHER_IS_HARDER ? "high" : "low", auroc, atK + "/" + m,
                    Ranking.countWithin(ranks, top1) + "/" + m, Ranking.countWithin(ranks, top5) + "/" + m);
        }
        o.println("      (chance: AUROC 0.5, about " + String.format(Locale.ROOT, "%.1f", m * 0.05)
                + " planted examples in the top 5%)");
        for (InfluenceScores s : scores) {
            int[] order = Ranking.hardestFirst(s);
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < Math.min(10, order.length); r++) {
                int id = s.exampleIds()[order[r]];
                sb.append(' ').append(id).append(data.isPlanted(id) ? "*" : "");
            }
            o.printf(Locale.ROOT, "      10 hardest by %s:%s%n", s.name(), sb);
        }
        o.println("      (* = planted mislabelled example)");
        return out;
    }

    private static boolean[] mask(InfluenceScores s, SyntheticData data) {
        int[] ids = s.exampleIds();
        boolean[] m = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            m[i] = data.isPlanted(ids[i]);
        }
        return m;
    }

    /**
     * Writes {@code results.json}, its CSV mirrors and {@code examples.csv}.
     *
     * @return the results written
     */
    static RunResults writeResults(Path dir, SyntheticData data, List<InfluenceScores> scores,
            List<TrainingResult> trainings, List<DetectionResult> detection, RunInfo info) {
        List<ScoreInfo> infos = scores.stream().map(s -> new ScoreInfo(s.name(), s.orientation().name(),
                s.provenance().scorer() + " " + new java.util.TreeMap<>(s.provenance().options()))).toList();
        DatasetInfo ds = new DatasetInfo("synthetic bag-of-words (seed-determined)", "synthetic, clean labels",
                data.size(), data.testLabels().length, List.of("class 0", "class 1", "class 2"),
                (double) data.planted().length / data.size(), data.planted().length);
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (InfluenceScores s : scores) {
            cols.put(s.name(), s.values());
        }
        boolean[] noisy = new boolean[data.size()];
        Arrays.stream(data.planted()).forEach(i -> noisy[i] = true);
        ExampleTable table = new ExampleTable(java.util.stream.IntStream.range(0, data.size()).toArray(),
                data.labels().clone(), Optional.of(noisy), cols);
        DataMapColumns dm = cols.keySet().containsAll(List.of("data-map-confidence", "data-map-variability",
                "data-map-correctness")) ? new DataMapColumns("data-map-confidence", "data-map-variability",
                "data-map-correctness") : DataMapColumns.NONE;
        RunResults r = RunResults.start("demo", info, ds, infos).withDetection(detection).withExamples("examples.csv", dm);
        for (TrainingResult t : trainings) {
            r = r.withTraining(t);
        }
        try {
            table.write(dir.resolve("examples.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("examples.csv") + ": " + e.getMessage(), e);
        }
        ResultsFiles.write(dir, r);
        return r;
    }
}
