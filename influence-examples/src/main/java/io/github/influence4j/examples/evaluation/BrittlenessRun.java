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
 * remove its top-k positive influencers by a method, retrain with model 1's seed and recipe, and
 * record whether the prediction flips. Two controls share their retrainings across the T examples,
 * because what they remove does not depend on the test example: {@value #RANDOM} removes k random
 * training examples ({@code draws} independent draws per k, each retrained once and read at all T
 * examples), and {@value #CONTROL} retrains on the whole pool (k = 0) to show how many flips the
 * recipe's own nondeterminism would cause. Runs already in {@code brittleness/runs.json} are skipped;
 * the file is rewritten after each.
 */
public final class BrittlenessRun {
    /** The random-removal baseline's name. */
    public static final String RANDOM = "random";

    /** The full-pool retraining's name (k = 0). */
    public static final String CONTROL = "none";

    /**
     * One retraining.
     *
     * @param method the method (or random)
     * @param k examples removed
     * @param test the test example's index in the evaluation's test set
     * @param draw which random draw (0 for a method and for the control)
     * @param removed how many were removed (fewer than k if fewer influencers are positive)
     * @param margin its margin after retraining
     * @param flipped whether its prediction is no longer the gold class
     * @param seconds wall time
     */
    public record Run(String method, int k, int test, int draw, int removed, double margin, boolean flipped, double seconds) {
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
     * @param flipped fraction of the readings whose prediction flipped
     * @param tests readings: test examples retrained (times the draws, for the random baseline)
     * @param marginChange mean change of the test examples' margins against the whole-pool
     *     retraining ({@value #CONTROL}, k = 0), NaN without it: a finer measure than flips when T
     *     is small
     */
    public record Point(String method, int k, double flipped, int tests, double marginChange) {
    }

    private BrittlenessRun() {
    }

    /**
     * @param dir the evaluation directory
     * @param p the prepared evaluation
     * @param tests T
     * @param ks removal sizes
     * @param methods methods (plus {@value #RANDOM} for the baseline)
     * @param draws random draws per k (each one retraining, read at all T test examples)
     * @param out progress lines
     * @return the curve points, also in {@code brittleness/curve.csv}, {@code curve.png} (flips) and
     *     {@code curve-margin.png} (mean margin change)
     */
    public static List<Point> run(Path dir, EvaluationSetup.Prepared p, int tests, List<Integer> ks,
            List<String> methods, int draws, PrintWriter out) {
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
        // The controls first: they are few retrainings and every method's curve is read against them.
        shared(done, sf, p, full, chosen, CONTROL, 0, 0, new int[0], out);
        if (methods.contains(RANDOM)) {
            for (int k : ks) {
                for (int d = 0; d < draws; d++) {
                    shared(done, sf, p, full, chosen, RANDOM, k, d, RandomSubsets.drawExcluding(n, k, 7919L * k + d,
                            new int[0]), out);
                }
            }
        }
        for (int t : chosen) {
            EncodedPairs one = p.tests().subset(new int[] {t});
            for (int k : ks) {
                for (String m : methods) {
                    if (m.equals(RANDOM) || isDone(done, m, k, t, 0)) {
                        continue;
                    }
                    int[] removed = Brittleness.topPositive(p.attributions().get(m)[t], k);
                    SnliRetrainer.Outcome o = retrain(p, full, removed, one);
                    Run r = run(m, k, t, 0, removed.length, o.logits()[0], o.margins(new int[] {labels[t]})[0], labels[t],
                            o.seconds());
                    record(done, sf, r, full, out);
                }
            }
        }
        List<String> all = new ArrayList<>(methods);
        all.add(CONTROL);
        return curve(dir, done, ks, all);
    }

    /** One retraining whose removed set does not depend on the test example, read at all of them. */
    private static void shared(List<Run> done, Path sf, EvaluationSetup.Prepared p, EvaluationSetup.Model full,
            List<Integer> chosen, String m, int k, int draw, int[] removed, PrintWriter out) {
        if (chosen.stream().allMatch(t -> isDone(done, m, k, t, draw))) {
            return;
        }
        int[] ts = chosen.stream().mapToInt(Integer::intValue).toArray();
        int[] gold = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            gold[i] = p.labels()[ts[i]];
        }
        SnliRetrainer.Outcome o = retrain(p, full, removed, p.tests().subset(ts));
        double[] margins = o.margins(gold);
        for (int i = 0; i < ts.length; i++) {
            if (!isDone(done, m, k, ts[i], draw)) {
                done.add(run(m, k, ts[i], draw, removed.length, o.logits()[i], margins[i], gold[i], o.seconds()));
            }
        }
        EvaluationFiles.write(sf, new State(done));
        long flips = done.stream().filter(r -> r.method().equals(m) && r.k() == k && r.draw() == draw && r.flipped()).count();
        out.printf(Locale.ROOT, "brittleness: %-12s k %d draw %d, removed %d: %d of %d test examples flipped (%.1f s)%n",
                m, k, draw, removed.length, flips, ts.length, o.seconds());
        out.flush();
    }

    private static SnliRetrainer.Outcome retrain(EvaluationSetup.Prepared p, EvaluationSetup.Model full, int[] removed,
            EncodedPairs tests) {
        int n = p.data().train().size();
        return SnliRetrainer.run(p.data(), EncoderConfig.defaults(), TrainOptions.builder().epochs(p.settings().epochs())
                .seed(full.seed()).subset(Brittleness.keepWithout(n, removed)).build(), tests, null);
    }

    private static boolean isDone(List<Run> done, String m, int k, int t, int draw) {
        return done.stream().anyMatch(r -> r.method().equals(m) && r.k() == k && r.test() == t && r.draw() == draw);
    }

    private static Run run(String m, int k, int t, int draw, int removed, float[] z, double margin, int gold, double s) {
        int pred = 0;
        for (int j = 1; j < z.length; j++) {
            pred = z[j] > z[pred] ? j : pred;
        }
        return new Run(m, k, t, draw, removed, margin, pred != gold, s);
    }

    private static void record(List<Run> done, Path sf, Run r, EvaluationSetup.Model full, PrintWriter out) {
        done.add(r);
        EvaluationFiles.write(sf, new State(done));
        out.printf(Locale.ROOT, "brittleness: test %d k %d %-12s removed %d, margin %.3f -> %.3f%s (%.1f s)%n",
                r.test(), r.k(), r.method(), r.removed(), full.margins()[r.test()], r.margin(), r.flipped() ? " FLIPPED" : "",
                r.seconds());
        out.flush();
    }

    static List<Point> curve(Path dir, List<Run> done, List<Integer> ks, List<String> methods) {
        List<Point> pts = new ArrayList<>();
        StringBuilder csv = new StringBuilder("method,k,flipped,tests,mean_margin_change\n");
        XYChart chart = new XYChartBuilder().width(640).height(420).title("Brittleness on SNLI: removing top-k"
                + " positive influencers").xAxisTitle("k (training examples removed)").yAxisTitle("fraction flipped").build();
        java.util.Map<Integer, Double> before = new java.util.HashMap<>();
        done.stream().filter(r -> r.method().equals(CONTROL)).forEach(r -> before.put(r.test(), r.margin()));
        // a method's points count only the test examples every method with runs has finished at every
        // k (a run stopped half-way through a test example must not weigh its early k more)
        List<String> perTest = methods.stream().filter(m -> !m.equals(RANDOM) && !m.equals(CONTROL)
                && done.stream().anyMatch(r -> r.method().equals(m))).toList();
        java.util.Set<Integer> complete = new java.util.HashSet<>();
        done.stream().map(Run::test).distinct().filter(t -> perTest.stream().allMatch(m -> ks.stream().allMatch(
                k -> done.stream().anyMatch(r -> r.method().equals(m) && r.k() == k && r.test() == t)))).forEach(complete::add);
        for (String m : methods) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Integer> kk = new ArrayList<>(ks);
            kk.add(0, 0);
            for (int k : kk) {
                List<Run> rs = done.stream().filter(r -> r.method().equals(m) && r.k() == k
                        && (!perTest.contains(m) || complete.contains(r.test()))).toList();
                if (rs.isEmpty()) {
                    continue;
                }
                double f = rs.stream().filter(Run::flipped).count() / (double) rs.size();
                double dm = rs.stream().allMatch(r -> before.containsKey(r.test()))
                        ? rs.stream().mapToDouble(r -> r.margin() - before.get(r.test())).average().orElse(Double.NaN)
                        : Double.NaN;
                pts.add(new Point(m, k, f, rs.size(), dm));
                csv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%d,%.4f%n", m, k, f, rs.size(), dm));
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
            XYChart margins = new XYChartBuilder().width(640).height(420).title("Brittleness on SNLI: mean margin"
                    + " change").xAxisTitle("k (training examples removed)").yAxisTitle("margin - margin at k = 0").build();
            for (String m : methods) {
                List<Point> ms = pts.stream().filter(p -> p.method().equals(m) && !Double.isNaN(p.marginChange())).toList();
                if (!ms.isEmpty()) {
                    margins.addSeries(m, ms.stream().map(p -> (double) p.k()).toList(),
                            ms.stream().map(Point::marginChange).toList());
                }
            }
            if (!margins.getSeriesMap().isEmpty()) {
                AtomicFiles.write(dir.resolve("brittleness/curve-margin.png"),
                        BitmapEncoder.getBitmapBytes(margins, BitmapEncoder.BitmapFormat.PNG));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the brittleness curve under " + dir + ": " + e.getMessage(), e);
        }
        EvaluationFiles.write(dir.resolve("brittleness/curve.json"), pts);
        return pts;
    }
}
