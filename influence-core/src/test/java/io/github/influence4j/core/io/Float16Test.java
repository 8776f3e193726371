// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@link Float16} against an independent definition: the decoded value of every bit pattern from
 * the IEEE 754 formula in {@link BigDecimal}; encoding round-trips every half, and rounds the exact
 * midpoints between neighbouring halves to the even one and anything off a midpoint to the nearer.
 */
class Float16Test {
    private static double formula(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1F;
        int frac = h & 0x3FF;
        BigDecimal v = exp == 0 ? new BigDecimal(frac).multiply(new BigDecimal(Math.scalb(1.0, -24)))
                : new BigDecimal(1024 + frac).multiply(new BigDecimal(Math.scalb(1.0, exp - 25)));
        return sign == 1 ? -v.doubleValue() : v.doubleValue();
    }

    @Test
    void decodesEveryFiniteHalfExactlyAndRoundTrips() {
        for (int h = 0; h < 1 << 16; h++) {
            int exp = (h >>> 10) & 0x1F;
            float f = Float16.toFloat((short) h);
            if (exp == 0x1F) {
                assertTrue((h & 0x3FF) == 0 ? Float.isInfinite(f) : Float.isNaN(f), "bits " + h);
                continue;
            }
            assertEquals(formula(h), f, 0.0, "bits " + Integer.toHexString(h));
            int back = Float16.fromFloat(f) & 0xFFFF;
            assertEquals(h, back, "round trip of " + f);
        }
    }

    @Test
    void roundsToNearestTiesToEven() {
        for (int h = 0; h < 0x7BFF; h++) { // positive finite halves and their upper neighbours
            double a = formula(h);
            double b = formula(h + 1);
            float mid = (float) ((a + b) / 2); // exact: 12 significant bits
            int even = (h & 1) == 0 ? h : h + 1;
            assertEquals(even, Float16.fromFloat(mid) & 0xFFFF, "midpoint of " + a + " and " + b);
            assertEquals(h, Float16.fromFloat(Math.nextDown(mid)) & 0xFFFF, "just below the midpoint " + mid);
            assertEquals(h + 1, Float16.fromFloat(Math.nextUp(mid)) & 0xFFFF, "just above the midpoint " + mid);
            assertEquals(h | 0x8000, Float16.fromFloat(-Math.nextDown(mid)) & 0xFFFF, "negative " + mid);
        }
        assertEquals(0x7BFF, Float16.fromFloat(65519.99f) & 0xFFFF, "below 65520 rounds to 65504");
        assertEquals(0x7C00, Float16.fromFloat(65520f) & 0xFFFF, "65520 rounds to infinity (ties to even)");
        assertEquals(0xFC00, Float16.fromFloat(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        assertEquals(0, Float16.fromFloat(0x1p-26f) & 0xFFFF, "a quarter of the smallest subnormal rounds to 0");
        assertEquals(1, Float16.fromFloat(0x1.8p-25f) & 0xFFFF, "three quarters round up to the smallest subnormal");
    }
}
