// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

import io.github.influence4j.examples.report.RunResults.TrainingResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregates training runs over seeds into pruning curves: test accuracy mean and standard
 * deviation per (pruning, score, fraction), as Tan, Minakova and Anand (2023) report them.
 *
 * @implNote The spread is the sample standard deviation over seeds (ddof = 1), the usual choice for
 *     "mean +/- std over 3 seeds"; a single seed has std 0.
 */
public final class PruningSummary {
    private PruningSummary() {
    }

    /**
     * @param trainings finished training runs
     * @return one point per (pruning, score, fraction), sorted by pruning, score and fraction
     */
    public static List<CurvePoint> aggregate(List<TrainingResult> trainings) {
        Map<String, List<TrainingResult>> groups = new LinkedHashMap<>();
        for (TrainingResult t : trainings) {
            String key = t.pruning() + "\u0000" + t.score() + "\u0000" + Math.round(t.fraction() * 1e9);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<CurvePoint> points = new ArrayList<>();
        for (List<TrainingResult> g : groups.values()) {
            TrainingResult first = g.get(0);
            double[] acc = g.stream().mapToDouble(TrainingResult::testAccuracy).toArray();
            points.add(new CurvePoint(first.pruning(), first.score(), first.fraction(), acc.length, mean(acc),
                    sampleStd(acc)));
        }
        points.sort(Comparator.comparing(CurvePoint::pruning).thenComparing(CurvePoint::score)
                .thenComparingDouble(CurvePoint::fraction));
        return List.copyOf(points);
    }

    /**
     * @param points aggregated points
     * @return the full-data point, if any full-data run finished
     */
    public static Optional<CurvePoint> fullData(List<CurvePoint> points) {
        return points.stream().filter(p -> p.pruning() == Pruning.NONE).findFirst();
    }

    /**
     * @param points aggregated points
     * @param pruning a pruning mode
     * @param score a score
     * @return that curve's points by increasing fraction
     */
    public static List<CurvePoint> curve(List<CurvePoint> points, Pruning pruning, String score) {
        return points.stream().filter(p -> p.pruning() == pruning && p.score().equals(score)).toList();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double sampleStd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
