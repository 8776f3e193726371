package io.github.influence4j.examples.demo;

import io.github.influence4j.core.InfluenceScores;
import java.util.Arrays;

/**
 * How well a score finds known mislabelled examples: ranks, ROC AUC and precision at k.
 *
 * @implNote AUROC is the Mann-Whitney statistic on hardness (the score, negated for
 *     lower-is-harder scores) with tied values counted one half; non-finite values keep their
 *     order ({@code +inf} hardest for higher-is-harder scores).
 */
public final class Detection {
    private Detection() {
    }

    /**
     * @param scores scores of examples 0..N-1 (or a subset)
     * @return hardness per entry: larger = harder, whatever the orientation
     */
    static double[] hardness(InfluenceScores scores) {
        double[] v = scores.values();
        if (scores.orientation() == io.github.influence4j.core.Orientation.LOWER_IS_HARDER) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /**
     * @param scores the scores
     * @param positives sorted example ids of the mislabelled examples
     * @return the ROC AUC of hardness as a detector (0.5 = chance, 1 = all positives hardest)
     */
    public static double auroc(InfluenceScores scores, int[] positives) {
        double[] h = hardness(scores);
        int[] ids = scores.exampleIds();
        long pos = 0;
        long neg = 0;
        double wins = 0;
        // O(n log n): sort by hardness, give tied runs their mean rank.
        Integer[] order = new Integer[h.length];
        for (int i = 0; i < h.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(h[a], h[b]));
        double rankSumPos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && Double.compare(h[order[j + 1]], h[order[i]]) == 0) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (Arrays.binarySearch(positives, ids[order[t]]) >= 0) {
                    rankSumPos += meanRank;
                    pos++;
                } else {
                    neg++;
                }
            }
            i = j + 1;
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        wins = rankSumPos - pos * (pos + 1) / 2.0;
        return wins / ((double) pos * neg);
    }

    /**
     * @param scores the scores
     * @param positives sorted example ids of the mislabelled examples
     * @return 1-based ranks (1 = hardest; ties broken by lower id first) of each positive, in the
     *     order of {@code positives}
     */
    public static int[] ranks(InfluenceScores scores, int[] positives) {
        int[] order = Ranking.hardestFirst(scores);
        int[] ids = scores.exampleIds();
        int[] rankOfIndex = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rankOfIndex[order[r]] = r + 1;
        }
        int[] out = new int[positives.length];
        for (int p = 0; p < positives.length; p++) {
            int idx = Arrays.binarySearch(ids, positives[p]);
            if (idx < 0) {
                throw new IllegalArgumentException("example " + positives[p] + " was not scored by " + scores.name());
            }
            out[p] = rankOfIndex[idx];
        }
        return out;
    }

    /**
     * @param ranks 1-based ranks of the positives
     * @param k a cut-off
     * @return how many positives rank within the k hardest
     */
    public static int countWithin(int[] ranks, int k) {
        return (int) Arrays.stream(ranks).filter(r -> r <= k).count();
    }
}
