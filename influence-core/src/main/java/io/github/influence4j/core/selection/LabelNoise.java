// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Label-noise injection as in Tan et al. (2023, Table 4): a nominal fraction of the
 * labels is shuffled, so that the class distribution is unchanged, and the real misannotation count
 * is reported separately, because a shuffled label can land on its own class (about a third of them
 * with three balanced classes; Tan et al. report about 30% on SNLI).
 *
 * <pre>{@code
 * NoisyLabels noisy = LabelNoise.shuffle(labels, 0.3, 11L);
 * double auroc = ScoreAnalysis.mislabelAuroc(scoresOnNoisyRun, noisy.changed());
 * }</pre>
 */
public final class LabelNoise {
    private static final Logger LOG = LoggerFactory.getLogger(LabelNoise.class);

    private LabelNoise() {
    }

    /**
     * @param labels the clean labels (any ints)
     * @param fraction the nominal noise rate, in [0, 1]
     * @param seed the seed
     * @return the noisy labels with the changed mask and the real misannotation count
     * @throws IllegalArgumentException for a fraction outside [0, 1] or empty labels
     * @implNote {@code m = round(fraction x N)} (halves up, exact decimal, as {@link SubsetSize}).
     *     With one {@link java.util.SplittableRandom} seeded by {@code seed}: a uniformly random
     *     m-subset of the indices is drawn (a partial Fisher-Yates shuffle of {@code 0..N-1}), then that
     *     subset's labels, taken in increasing index order, are permuted by a uniform Fisher-Yates
     *     shuffle and written back in increasing index order. The permutation may leave a label in
     *     place or swap two equal labels; only a label that differs counts as misannotated.
     */
    public static NoisyLabels shuffle(int[] labels, double fraction, long seed) {
        Counts.checkFraction(fraction, "label-noise fraction");
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException("label noise needs at least one label; got an empty array");
        }
        int m = Counts.of(fraction, n);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < m; i++) {
            swap(perm, i, i + rng.nextInt(n - i));
        }
        int[] subset = java.util.Arrays.copyOf(perm, m);
        java.util.Arrays.sort(subset);
        int[] moved = new int[m];
        for (int j = 0; j < m; j++) {
            moved[j] = labels[subset[j]];
        }
        for (int j = m - 1; j > 0; j--) {
            swap(moved, j, rng.nextInt(j + 1));
        }
        int[] out = labels.clone();
        boolean[] changed = new boolean[n];
        int count = 0;
        for (int j = 0; j < m; j++) {
            out[subset[j]] = moved[j];
            if (moved[j] != labels[subset[j]]) {
                changed[subset[j]] = true;
                count++;
            }
        }
        LOG.debug("label noise: shuffled {} of {} labels (nominal {}), {} actually changed, seed {}", m, n, fraction,
                count, seed);
        return new NoisyLabels(out, subset, changed, count, fraction, seed);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
