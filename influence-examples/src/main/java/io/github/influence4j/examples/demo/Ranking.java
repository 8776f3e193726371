// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import io.github.influence4j.core.InfluenceScores;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Orders scored examples from hardest to easiest, for printing rankings.
 *
 * @implNote The total order is the one of {@code core.selection} (RankSelection, ScoreAnalysis):
 *     among equally hard examples the lower id counts as easier, so it comes later here. Rankings
 *     printed by the CLI therefore agree with what {@code prune-hard} removes first.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * @param scores the scores
     * @return indices into {@code scores}, hardest first
     */
    public static int[] hardestFirst(InfluenceScores scores) {
        double[] v = scores.values();
        int[] ids = scores.exampleIds();
        Comparator<Integer> harderFirst = (a, b) -> {
            int c = scores.orientation().compareHardness(v[b], v[a]);
            return c != 0 ? c : Integer.compare(ids[b], ids[a]);
        };
        return IntStream.range(0, v.length).boxed().sorted(harderFirst).mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param scores the scores
     * @param exampleIds sorted example ids, each scored
     * @return 1-based ranks (1 = hardest) of those examples, in the order given
     */
    public static int[] ranksOf(InfluenceScores scores, int[] exampleIds) {
        int[] order = hardestFirst(scores);
        int[] ids = scores.exampleIds();
        int[] rankOfIndex = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rankOfIndex[order[r]] = r + 1;
        }
        int[] out = new int[exampleIds.length];
        for (int p = 0; p < exampleIds.length; p++) {
            int idx = java.util.Arrays.binarySearch(ids, exampleIds[p]);
            if (idx < 0) {
                throw new IllegalArgumentException("example " + exampleIds[p] + " was not scored by " + scores.name());
            }
            out[p] = rankOfIndex[idx];
        }
        return out;
    }

    /**
     * @param ranks 1-based ranks
     * @param k a cut-off
     * @return how many ranks are within the k hardest
     */
    public static int countWithin(int[] ranks, int k) {
        return (int) IntStream.of(ranks).filter(r -> r <= k).count();
    }
}
