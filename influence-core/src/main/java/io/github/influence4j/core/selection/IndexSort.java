// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

/** A stable merge sort of {@code 0..n-1} under an int comparator, without boxing. */
final class IndexSort {
    /** Compares two indices. */
    interface IndexComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /**
     * @param n the number of indices
     * @param cmp the order
     * @return {@code 0..n-1} sorted by {@code cmp}, stably
     */
    static int[] sorted(int n, IndexComparator cmp) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] buf = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
                    continue;
                }
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    buf[k++] = cmp.compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    buf[k++] = a[i++];
                }
                while (j < hi) {
                    buf[k++] = a[j++];
                }
                System.arraycopy(buf, lo, a, lo, hi - lo);
            }
        }
        return a;
    }
}
