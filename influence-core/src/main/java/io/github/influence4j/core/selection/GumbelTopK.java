// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.SplittableRandom;

/**
 * Weighted sampling without replacement by the Gumbel-top-k trick (Vieira 2014; Kool, van Hoof and
 * Welling, "Stochastic Beams and Where to Find Them", ICML 2019): with independent standard Gumbel
 * noise {@code G_i}, the order of {@code log w_i + G_i}, largest first, is distributed exactly as
 * successive draws without replacement, each with probability proportional to the weight among the
 * examples not yet drawn (numpy's {@code choice(n, k, replace=False, p=w/sum(w))}). Works in log
 * space, so weights never under- or overflow.
 */
final class GumbelTopK {
    private GumbelTopK() {
    }

    /**
     * @param n how many
     * @param seed the seed
     * @return {@code n} standard Gumbel draws, {@code -log(-log(u))} with {@code u} uniform in (0, 1),
     *     from {@link SplittableRandom} (its algorithm is specified, so the draws are the same on every
     *     JDK)
     */
    static double[] gumbel(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
            g[i] = -Math.log(-Math.log(u));
        }
        return g;
    }

    /**
     * @param tier a coarse priority that dominates the keys: an example of a higher tier is drawn
     *     before any of a lower tier (used for infinite scores, whose weight is infinitely larger or
     *     smaller than every finite one); within a tier the draw is weighted by {@code logWeight}
     * @param logWeight per-example log weight (finite, or {@code -Infinity} for a weight that
     *     underflows; such examples come last in their tier, ordered by {@code tieBreak})
     * @param tieBreak larger first where keys tie
     * @param seed the seed
     * @return indices in draw order (the first k are a sample of size k)
     */
    static int[] drawOrder(int[] tier, double[] logWeight, double[] tieBreak, long seed) {
        int n = logWeight.length;
        double[] g = gumbel(n, seed);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = logWeight[i] + g[i];
        }
        return IndexSort.sorted(n, (a, b) -> {
            int c = Integer.compare(tier[b], tier[a]);
            if (c == 0) {
                c = Double.compare(key[b], key[a]);
            }
            if (c == 0) {
                c = Double.compare(tieBreak[b], tieBreak[a]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
    }
}
