// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The brittleness test (Ilyas et al. 2022, Sec. 4.2; dattri's "brittleness"): remove a test
 * example's k most positive influencers (the training examples an attribution method says raise its
 * output most), retrain, and see whether the prediction flips; compared with removing k random
 * training examples. A method whose top influencers flip more predictions at smaller k is more
 * faithful to retraining.
 */
public final class Brittleness {
    private Brittleness() {
    }

    /**
     * @param scores one test example's attributions over the training pool, positive = proponent
     * @param k how many to take
     * @return the ids of the k largest strictly positive scores (fewer if fewer are positive),
     *     sorted ascending; ties broken by the lower id
     */
    public static int[] topPositive(double[] scores, int k) {
        int[] ids = IntStream.range(0, scores.length).filter(i -> scores[i] > 0).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
        Arrays.sort(ids);
        return ids;
    }

    /**
     * @param n the pool size
     * @param removed ids to leave out
     * @return {@code [0, n)} without them, sorted
     */
    public static int[] keepWithout(int n, int[] removed) {
        boolean[] out = new boolean[n];
        for (int r : removed) {
            out[r] = true;
        }
        return IntStream.range(0, n).filter(i -> !out[i]).toArray();
    }
}
