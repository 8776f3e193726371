// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.nlp.encoder.EncodedPairs;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.nlp.evaluation.Brittleness;
import io.github.influence4j.nlp.evaluation.RandomSubsets;
import io.github.influence4j.nlp.evaluation.SnliRetrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The brittleness test: for each of T test examples that full-pool model 1 classifies correctly,
 * remove its top-k positive influencers by a method (or k random training examples), retrain with
 * model 1's seed and recipe, and record whether the prediction flips. Runs already in
 * {@code brittleness/runs.json} are skipped; the file is rewritten after each.
 */
public final class BrittlenessRun {
    /** The random-removal baseline's name. */
    public static final String RANDOM = "random";

    /**
     * One retraining.
     *
     * @param method the method (or random)
     * @param k examples removed
     * @param test the test example's index in the evaluation's test set
     * @param removed how many were removed (fewer than k if fewer influencers are positive)
     * @param margin its margin after retraining
     * @param flipped whether its prediction is no longer the gold class
     * @param seconds wall time
     */
    public record Run(String method, int k, int test, int removed, double margin, boolean flipped, double seconds) {
    }

    /**
     * The state file.
     *
     * @param runs those done
     */
    public record State(List<Run> runs) {
    }

    /**
     * One point of a curve.
     *
     * @param method the method
     * @param k examples removed
     * @param flipped fraction of test examples flipped
     * @param tests test examples retrained
     */
    public record Point(String method, int k, double flipped, int tests) {
    }

    private BrittlenessRun() {
    }

    /**
     * @param dir the evaluation directory
     * @param p the prepared evaluation
     * @param tests T
     * @param ks removal sizes
     * @param methods methods (plus {@value #RANDOM} for the baseline)
     * @param out progress lines
     * @return the curve points, also in {@code brittleness/curve.csv} and {@code brittleness/curve.png}
     */
    public static List<Point> run(Path dir, EvaluationSetup.Prepared p, int tests, List<Integer> ks,
            List<String> methods, PrintWriter out) {
        Path sf = dir.resolve("brittleness/runs.json");
        List<Run> done = new ArrayList<>(EvaluationFiles.read(sf, State.class).map(State::runs).orElse(List.of()));
        EvaluationSetup.Model full = p.models().get(0);
        int[] labels = p.labels();
        List<Integer> chosen = new ArrayList<>();
        for (int t = 0; t < labels.length && chosen.size() < tests; t++) {
            if (full.predictions()[t] == labels[t]) {
                chosen.add(t);
            }
        }
        int n = p.data().train().size();
        for (int t : chosen) {
            EncodedPairs one = p.tests().subset(new int[] {t});
            for (int k : ks) {
                for (String m : methods) {
                    if (done.stream().anyMatch(r -> r.method().equals(m) && r.k() == k && r.test() == t)) {
                        continue;
                    }
                    int[] removed = m.equals(RANDOM) ? RandomSubsets.drawExcluding(n, k, 31L * t + k, new int[0])
                            : Brittleness.topPositive(p.attributions().get(m)[t], k);
                    SnliRetrainer.Outcome o = SnliRetrainer.run(p.data(), EncoderConfig.defaults(), TrainOptions.builder()
                            .epochs(p.settings().epochs()).seed(full.seed()).subset(Brittleness.keepWithout(n, removed))
                            .build(), one, null);
                    float[] z = o.logits()[0];
                    int pred = 0;
                    for (int j = 1; j < z.length; j++) {
                        pred = z[j] > z[pred] ? j : pred;
                    }
                    Run r = new Run(m, k, t, removed.length, o.margins(new int[] {labels[t]})[0], pred != labels[t],
                            o.seconds());
                    done.add(r);
                    EvaluationFiles.write(sf, new State(done));
                    out.printf(Locale.ROOT, "brittleness: test %d k %d %-12s removed %d, margin %.3f -> %.3f%s (%.1f s)%n",
                            t, k, m, removed.length, full.margins()[t], r.margin(), r.flipped() ? " FLIPPED" : "",
                            o.seconds());
                    out.flush();
                }
            }
        }
        return curve(dir, done, ks, methods);
    }

    static List<Point> curve(Path dir, List<Run> done, List<Integer> ks, List<String> methods) {
        List<Point> pts = new ArrayList<>();
        StringBuilder csv = new StringBuilder("method,k,flipped,tests\n");
        XYChart chart = new XYChartBuilder().width(640).height(420).title("Brittleness on SNLI: removing top-k"
                + " positive influencers").xAxisTitle("k (training examples removed)").yAxisTitle("fraction flipped").build();
        for (String m : methods) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k : ks) {
                List<Run> rs = done.stream().filter(r -> r.method().equals(m) && r.k() == k).toList();
                if (rs.isEmpty()) {
                    continue;
                }
                double f = rs.stream().filter(Run::flipped).count() / (double) rs.size();
                pts.add(new Point(m, k, f, rs.size()));
                csv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%d%n", m, k, f, rs.size()));
                xs.add((double) k);
                ys.add(f);
            }
            if (!xs.isEmpty()) {
                chart.addSeries(m, xs, ys);
            }
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        try {
            AtomicFiles.write(dir.resolve("brittleness/curve.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
            if (!chart.getSeriesMap().isEmpty()) {
                byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
                AtomicFiles.write(dir.resolve("brittleness/curve.png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the brittleness curve under " + dir + ": " + e.getMessage(), e);
        }
        EvaluationFiles.write(dir.resolve("brittleness/curve.json"), pts);
        return pts;
    }
}
