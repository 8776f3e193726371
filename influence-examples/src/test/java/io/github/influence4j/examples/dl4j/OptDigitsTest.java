// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The vendored UCI digits match the counts documented in UCI's optdigits.names. */
class OptDigitsTest {
    @Test
    void splitsHaveTheDocumentedSizesAndClassCounts() {
        OptDigits.Digits train = OptDigits.load(OptDigits.Split.TRAIN);
        OptDigits.Digits test = OptDigits.load(OptDigits.Split.TEST);
        assertEquals(3823, train.size());
        assertEquals(1797, test.size());
        assertArrayEquals(new long[] {3823, 64}, train.features().shape());
        int[] counts = new int[10];
        for (int y : train.labels()) {
            counts[y]++;
        }
        assertArrayEquals(new int[] {376, 389, 380, 389, 387, 376, 377, 387, 380, 382}, counts);
        assertEquals(0.0, train.features().minNumber().doubleValue());
        assertEquals(1.0, train.features().maxNumber().doubleValue());
        // first row of optdigits.tes: "0,0,5,13,9,1,0,0,...,0" with class 0
        assertEquals(5 / 16.0, test.features().getDouble(0, 2), 1e-7);
        assertEquals(0, test.labels()[0]);
    }
}
