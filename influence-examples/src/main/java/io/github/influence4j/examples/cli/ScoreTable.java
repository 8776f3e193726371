// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.InfluenceScores;
import java.io.PrintWriter;
import io.github.influence4j.examples.demo.Ranking;
import java.util.Locale;

/** Prints rankings of scores. */
final class ScoreTable {
    private ScoreTable() {
    }

    /**
     * @param o where to print
     * @param scores the scores
     * @param k how many (0: nothing)
     */
    static void printHardest(PrintWriter o, InfluenceScores scores, int k) {
        if (k <= 0 || scores.size() == 0) {
            return;
        }
        int[] order = Ranking.hardestFirst(scores);
        int[] ids = scores.exampleIds();
        o.println("  hardest " + Math.min(k, order.length) + ":");
        o.println("     rank  example  " + scores.name());
        for (int r = 0; r < Math.min(k, order.length); r++) {
            o.printf(Locale.ROOT, "    %5d  %7d  %.6g%n", r + 1, ids[order[r]], scores.value(order[r]));
        }
    }
}
