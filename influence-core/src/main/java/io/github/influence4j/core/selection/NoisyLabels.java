// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labels after {@link LabelNoise#shuffle}: the new labels, which examples were shuffled, which of
 * those actually changed class, and the real misannotation count that Tan et al. (2023, Table 4)
 * report next to the nominal noise rate.
 *
 * @param labels the new labels, aligned with the input
 * @param shuffledIndices the indices whose labels were permuted among themselves, increasing
 * @param changed per index, true where the new label differs from the original
 * @param misannotated how many labels changed (the number of true entries of {@code changed})
 * @param nominalFraction the fraction asked for
 * @param seed the seed used
 * @implNote A record holding arrays: the constructor and accessors copy them, and
 *     {@code equals}/{@code hashCode} compare their contents.
 */
public record NoisyLabels(int[] labels, int[] shuffledIndices, boolean[] changed, int misannotated,
        double nominalFraction, long seed) {

    /**
     * Copies the arrays; checks that the count matches the mask.
     *
     * @param labels see the class description
     * @param shuffledIndices see the class description
     * @param changed see the class description
     * @param misannotated see the class description
     * @param nominalFraction see the class description
     * @param seed see the class description
     */
    public NoisyLabels {
        labels = labels.clone();
        shuffledIndices = shuffledIndices.clone();
        changed = changed.clone();
        if (changed.length != labels.length) {
            throw new IllegalArgumentException("changed mask has " + changed.length + " entries for " + labels.length
                    + " labels");
        }
        int count = 0;
        for (boolean c : changed) {
            count += c ? 1 : 0;
        }
        if (count != misannotated) {
            throw new IllegalArgumentException("misannotated = " + misannotated + " but the mask has " + count);
        }
    }

    /** @return a copy of the new labels */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** @return a copy of the shuffled indices, increasing */
    @Override
    public int[] shuffledIndices() {
        return shuffledIndices.clone();
    }

    /** @return a copy of the changed-label mask (the ground truth for mislabel detection) */
    @Override
    public boolean[] changed() {
        return changed.clone();
    }

    /** @return the real misannotation rate, {@code misannotated / N} */
    public double realFraction() {
        return labels.length == 0 ? 0 : (double) misannotated / labels.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoisyLabels n && Arrays.equals(labels, n.labels)
                && Arrays.equals(shuffledIndices, n.shuffledIndices) && Arrays.equals(changed, n.changed)
                && misannotated == n.misannotated && Double.compare(nominalFraction, n.nominalFraction) == 0
                && seed == n.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(labels), Arrays.hashCode(shuffledIndices), misannotated, seed);
    }

    @Override
    public String toString() {
        return "NoisyLabels[n=" + labels.length + ", nominal " + nominalFraction + " (" + shuffledIndices.length
                + " shuffled), misannotated " + misannotated + ", seed=" + seed + "]";
    }
}
