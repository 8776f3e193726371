// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** The one shared closeness assertion (docs/CONTRIBUTING.md, "Tests"): reports the worst index and the values there. */
public final class Asserts {
    /** float32 relative tolerance. */
    public static final double F32_RTOL = 1e-5;
    /** float64 relative tolerance. */
    public static final double F64_RTOL = 1e-12;

    private Asserts() {
    }

    /**
     * Asserts |expected - actual| <= atol + rtol * |expected| elementwise.
     *
     * @param expected the independent computation
     * @param actual the value under test
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what a description for the message (the failing input)
     */
    public static void assertClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    fail(what + ": NaN mismatch at index " + i + ": expected " + e + ", actual " + a);
                }
                continue;
            }
            if (Double.isInfinite(e) || Double.isInfinite(a)) {
                if (e != a) {
                    fail(what + ": infinity mismatch at index " + i + ": expected " + e + ", actual " + a);
                }
                continue;
            }
            double tol = atol + rtol * Math.abs(e);
            double excess = Math.abs(e - a) - tol;
            if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            int lo = Math.max(0, worst - 2);
            int hi = Math.min(expected.length, worst + 3);
            fail(what + ": worst mismatch at index " + worst + ": expected " + expected[worst] + ", actual "
                    + actual[worst] + " (|diff| " + Math.abs(expected[worst] - actual[worst]) + " > atol " + atol
                    + " + rtol " + rtol + " * |expected|); neighbourhood expected "
                    + Arrays.toString(Arrays.copyOfRange(expected, lo, hi)) + " actual "
                    + Arrays.toString(Arrays.copyOfRange(actual, lo, hi)));
        }
    }

    /**
     * @param expected the independent computation
     * @param actual the value under test
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what a description for the message
     */
    public static void assertClose(double expected, double actual, double rtol, double atol, String what) {
        assertClose(new double[] {expected}, new double[] {actual}, rtol, atol, what);
    }
}
