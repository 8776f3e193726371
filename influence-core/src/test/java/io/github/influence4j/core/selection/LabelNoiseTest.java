// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {
    private static int[] balanced(int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        return labels;
    }

    @Test
    void shufflesTheNominalShareAndCountsRealMisannotations() {
        int[] clean = balanced(9000, 3);
        NoisyLabels noisy = LabelNoise.shuffle(clean, 0.3, 17L);
        int[] out = noisy.labels();
        int[] subset = noisy.shuffledIndices();
        assertEquals(2700, subset.length);
        for (int i = 1; i < subset.length; i++) {
            assertTrue(subset[i] > subset[i - 1], "increasing");
        }
        boolean[] inSubset = new boolean[clean.length];
        for (int i : subset) {
            inSubset[i] = true;
        }
        int changed = 0;
        Map<Integer, Integer> before = new HashMap<>();
        Map<Integer, Integer> after = new HashMap<>();
        for (int i = 0; i < clean.length; i++) {
            boolean differs = out[i] != clean[i];
            assertEquals(differs, noisy.changed()[i], "mask at " + i);
            assertTrue(inSubset[i] || !differs, "a label outside the shuffled subset changed at " + i);
            changed += differs ? 1 : 0;
            if (inSubset[i]) {
                before.merge(clean[i], 1, Integer::sum);
                after.merge(out[i], 1, Integer::sum);
            }
        }
        assertEquals(changed, noisy.misannotated());
        assertEquals(before, after, "the shuffled labels are a permutation of the originals");
        // a shuffled position keeps its class with probability sum_c m_c^2 / m^2 (about 1/3 here, Tan et al. Table 4)
        double m = subset.length;
        double keep = before.values().stream().mapToDouble(c -> c * c / (m * m)).sum();
        double sd = Math.sqrt(keep * (1 - keep) / m);
        double observed = 1 - noisy.misannotated() / m;
        assertTrue(Math.abs(observed - keep) < 5 * sd, "unchanged share " + observed + " vs " + keep);
        assertEquals(noisy.misannotated() / 9000.0, noisy.realFraction(), 0);
    }

    @Test
    void subsetAndPermutationAreUniform() {
        // which 2 of 5 positions are shuffled: 10 subsets, each 1/10
        int[] counts = new int[1 << 5];
        int[] perm = new int[6 * 6 * 6];
        int draws = 20_000;
        for (long seed = 0; seed < draws; seed++) {
            int mask = 0;
            for (int i : LabelNoise.shuffle(new int[] {0, 1, 2, 3, 4}, 0.4, seed).shuffledIndices()) {
                mask |= 1 << i;
            }
            counts[mask]++;
            int[] p = LabelNoise.shuffle(new int[] {0, 1, 2}, 1, seed).labels();
            perm[p[0] * 36 + p[1] * 6 + p[2]]++;
        }
        double chi = 0;
        int cells = 0;
        for (int mask = 0; mask < counts.length; mask++) {
            if (Integer.bitCount(mask) == 2) {
                cells++;
                chi += Math.pow(counts[mask] - draws / 10.0, 2) / (draws / 10.0);
            } else {
                assertEquals(0, counts[mask]);
            }
        }
        assertEquals(10, cells);
        assertTrue(chi < SamplingDistributionTest.critical(9), "subset chi-square " + chi);
        double chiPerm = 0;
        int perms = 0;
        for (int code = 0; code < perm.length; code++) {
            if (perm[code] > 0) {
                perms++;
                chiPerm += Math.pow(perm[code] - draws / 6.0, 2) / (draws / 6.0);
            }
        }
        assertEquals(6, perms, "only permutations of {0, 1, 2}");
        assertTrue(chiPerm < SamplingDistributionTest.critical(5), "permutation chi-square " + chiPerm);
    }

    @Test
    void edgesDeterminismAndErrors() {
        int[] clean = balanced(100, 3);
        NoisyLabels none = LabelNoise.shuffle(clean, 0, 1L);
        assertArrayEquals(clean, none.labels());
        assertEquals(0, none.misannotated());
        assertEquals(100, LabelNoise.shuffle(clean, 1, 1L).shuffledIndices().length);
        assertEquals(LabelNoise.shuffle(clean, 0.2, 5L), LabelNoise.shuffle(clean, 0.2, 5L));
        assertTrue(!LabelNoise.shuffle(clean, 0.2, 5L).equals(LabelNoise.shuffle(clean, 0.2, 6L)));
        assertEquals(4, LabelNoise.shuffle(balanced(10, 2), 0.35, 1L).shuffledIndices().length, "0.35 x 10 -> 4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelNoise.shuffle(clean, 1.2, 0L));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LabelNoise.shuffle(new int[0], 0.1, 0L));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(Arrays.equals(clean, balanced(100, 3)), "input untouched");
    }
}
