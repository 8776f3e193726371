// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded random training subsets of an LDS evaluation (Park et al. 2023, Sec. 2.2: subsets
 * {@code S_1..S_m} drawn uniformly at random, each of {@code alpha n} examples).
 */
public final class RandomSubsets {
    private RandomSubsets() {
    }

    /**
     * Subset {@code index} of the design with the given seed: a uniform draw without replacement of
     * {@code round(fraction n)} of {@code [0, n)} (partial Fisher-Yates), sorted. A pure function of
     * its arguments, so a resumed run draws the same subsets.
     *
     * @param n the pool size
     * @param fraction alpha, in (0, 1]
     * @param seed the design's seed
     * @param index which subset, {@code >= 0}
     * @return sorted example ids
     */
    public static int[] subset(int n, double fraction, long seed, int index) {
        if (n < 1 || !(fraction > 0 && fraction <= 1) || index < 0) {
            throw new IllegalArgumentException("need n >= 1, fraction in (0, 1], index >= 0; got " + n + ", " + fraction
                    + ", " + index);
        }
        int size = Math.max(1, (int) Math.round(fraction * n));
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, size);
        Arrays.sort(out);
        return out;
    }

    /**
     * @param n the pool size
     * @param count how many ids to draw
     * @param seed the seed
     * @param excluded ids never drawn (sorted or not)
     * @return {@code count} distinct ids of {@code [0, n)} outside {@code excluded}, sorted
     */
    public static int[] drawExcluding(int n, int count, long seed, int[] excluded) {
        boolean[] out = new boolean[n];
        for (int e : excluded) {
            out[e] = true;
        }
        int[] pool = java.util.stream.IntStream.range(0, n).filter(i -> !out[i]).toArray();
        if (count > pool.length) {
            throw new IllegalArgumentException("cannot draw " + count + " of " + pool.length + " examples");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] r = Arrays.copyOf(pool, count);
        Arrays.sort(r);
        return r;
    }
}
