// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void fractionTimesNRoundsHalfUpInDecimal() {
        assertEquals(4, Counts.of(0.35, 10));
        assertEquals(3, Counts.of(0.3, 10));
        assertEquals(4429, Counts.of(0.45, 9842)); // 4428.9
        assertEquals(4921, Counts.of(0.5, 9841)); // 4920.5 -> up
        assertEquals(0, Counts.of(0, 7));
        assertEquals(7, Counts.of(1, 7));
        assertEquals(SubsetSize.keep(0.3).keepCount(10), 3);
        assertEquals(SubsetSize.prune(0.3).keepCount(10), 7);
    }

    @Test
    void largestRemainderByHand() {
        // T = 4 over sizes 6, 3, 1 (N = 10): exact 2.4, 1.2, 0.4 -> 2, 1, 0 + 1 to class 0 (remainder .4 ties class 2; smaller label)
        assertArrayEquals(new int[] {3, 1, 0}, Counts.largestRemainder(4, new int[] {6, 3, 1}));
        // T = 6: exact 3.6, 1.8, 0.6 -> 3, 1, 0 + 2: class 1 (.8), then class 0 (.6, tie with class 2)
        assertArrayEquals(new int[] {4, 2, 0}, Counts.largestRemainder(6, new int[] {6, 3, 1}));
        assertArrayEquals(new int[] {6, 3, 1}, Counts.largestRemainder(10, new int[] {6, 3, 1}));
        assertArrayEquals(new int[] {0, 0, 0}, Counts.largestRemainder(0, new int[] {6, 3, 1}));
        assertArrayEquals(new int[] {2, 1}, Counts.largestRemainder(3, new int[] {3, 3}));
    }

    @Test
    void largestRemainderInvariants() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int k = 1 + r.nextInt(6);
            int[] sizes = new int[k];
            int n = 0;
            for (int c = 0; c < k; c++) {
                sizes[c] = 1 + r.nextInt(r.nextBoolean() ? 5 : 500);
                n += sizes[c];
            }
            int t = r.nextInt(n + 1);
            int[] q = Counts.largestRemainder(t, sizes);
            int sum = 0;
            for (int c = 0; c < k; c++) {
                double exact = (double) t * sizes[c] / n;
                assertTrue(q[c] >= Math.floor(exact) && q[c] <= Math.ceil(exact) && q[c] <= sizes[c],
                        "class " + c + " quota " + q[c] + " vs exact " + exact);
                sum += q[c];
            }
            assertEquals(t, sum);
        }
    }
}
