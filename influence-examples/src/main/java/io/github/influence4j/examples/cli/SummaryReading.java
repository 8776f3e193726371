// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.examples.report.CurvePoint;
import io.github.influence4j.examples.report.Pruning;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says in words what a pruning summary shows: for every score and fraction, whether removing its
 * easy or its hard examples kept more test accuracy than removing the same number at random (the
 * baseline every score must beat, Tan et al. 2023, Sec. 4), and how much a single seed can be
 * trusted.
 */
final class SummaryReading {
    private SummaryReading() {
    }

    /**
     * @param o where to print
     * @param points the aggregated summary
     * @param noisy whether labels were shuffled (then "hard" examples include the mislabelled ones)
     */
    static void print(PrintWriter o, List<CurvePoint> points, boolean noisy) {
        Optional<CurvePoint> full = points.stream().filter(p -> p.pruning() == Pruning.NONE).findFirst();
        if (full.isEmpty()) {
            return;
        }
        o.printf(Locale.ROOT, "%nHow to read it: 'none' trains on every pair (%.2f%%); 'random' removes the same fraction"
                + " at random, the baseline a score must beat; 'easy'/'hard' remove the examples a score calls easiest or"
                + " hardest.%n", 100 * full.get().mean());
        boolean oneSeed = points.stream().allMatch(p -> p.n() == 1);
        for (CurvePoint p : points) {
            if (p.pruning() != Pruning.EASY && p.pruning() != Pruning.HARD) {
                continue;
            }
            Optional<CurvePoint> random = points.stream().filter(r -> r.pruning() == Pruning.RANDOM
                    && r.fraction() == p.fraction()).findFirst();
            if (random.isEmpty()) {
                continue;
            }
            double d = 100 * (p.mean() - random.get().mean());
            o.printf(Locale.ROOT, "  removing the %s %.0f%% by %-20s %s random by %.2f points%n",
                    p.pruning() == Pruning.EASY ? "easiest" : "hardest", 100 * p.fraction(), p.score(),
                    d >= 0 ? "beats" : "trails", Math.abs(d));
        }
        if (noisy) {
            o.println("  With shuffled labels, the hardest examples are largely the mislabelled ones: removing them"
                    + " should beat random, and the AUROC above says how well each score finds them (0.5 = chance).");
        }
        if (oneSeed) {
            o.println("  One seed per run: differences under about one point are within seed-to-seed noise"
                    + " (docs/RESULTS.md reports 0.3-1.3 points of std over 3 seeds); use --seeds 3 to average.");
        }
    }
}
