// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The two rounding rules every policy shares: fraction x N, and largest-remainder class quotas. */
final class Counts {
    private Counts() {
    }

    /**
     * @param fraction a fraction in [0, 1]
     * @param what what it is, for the message
     * @return the fraction
     * @throws IllegalArgumentException if it is outside [0, 1] or not a number
     */
    static double checkFraction(double fraction, String what) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(what + " must be a fraction in [0, 1], got " + fraction
                    + " (write 0.3 for 30%)");
        }
        return fraction;
    }

    /**
     * {@code round(fraction x n)}, halves rounded up, computed exactly in decimal from the fraction's
     * shortest decimal form ({@link Double#toString}), so that {@code 0.35 x 10} is 4 (not the 3 that
     * float64 {@code 0.35 * 10 = 3.4999999999999996} would give).
     *
     * @param fraction in [0, 1]
     * @param n the number of examples
     * @return the count, in [0, n]
     */
    static int of(double fraction, int n) {
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.HALF_UP)
                .intValueExact();
    }

    /**
     * Hamilton's largest-remainder apportionment of {@code total} over classes of the given sizes:
     * each class gets {@code floor(total x n_c / N)}, and the {@code total - sum} left over go one each
     * to the classes with the largest remainders {@code (total x n_c) mod N}, equal remainders to the
     * earlier class (the smaller label). Exact integer arithmetic. The quotas sum to {@code total} and
     * never exceed a class's size.
     *
     * @param total the count to share, in [0, N]
     * @param sizes class sizes, in label order; N is their sum
     * @return the quota of each class
     */
    static int[] largestRemainder(int total, int[] sizes) {
        long n = 0;
        for (int s : sizes) {
            n += s;
        }
        int[] quota = new int[sizes.length];
        long[] remainder = new long[sizes.length];
        long assigned = 0;
        for (int c = 0; c < sizes.length; c++) {
            long prod = (long) total * sizes[c];
            quota[c] = (int) (prod / n);
            remainder[c] = prod % n;
            assigned += quota[c];
        }
        int left = (int) (total - assigned);
        int[] byRemainder = IndexSort.sorted(sizes.length, (a, b) -> {
            int c = Long.compare(remainder[b], remainder[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int j = 0; j < left; j++) {
            quota[byRemainder[j]]++;
        }
        return quota;
    }
}
