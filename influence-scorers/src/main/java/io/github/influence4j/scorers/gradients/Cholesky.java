// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.function.Supplier;

/**
 * Cholesky factorisation {@code A = L L^T} of a small symmetric positive-definite matrix and the
 * solve of {@code A X = B}, in float64 (Golub and Van Loan, Algorithm 4.2.1). For TRAK's
 * {@code k x k} after-kernel: {@code k^3/3} operations, independent of the number of examples.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * @param a {@code [k x k]} row-major, symmetric; not modified
     * @param k the order
     * @param message the error message if A is not positive definite
     * @return L, lower triangular, row-major
     * @throws ConfigurationException if a pivot is not positive
     */
    static double[] factor(double[] a, int k, Supplier<String> message) {
        double[] l = new double[k * k];
        for (int j = 0; j < k; j++) {
            double s = a[j * k + j];
            for (int p = 0; p < j; p++) {
                s -= l[j * k + p] * l[j * k + p];
            }
            if (!(s > 0)) {
                throw new ConfigurationException(message.get());
            }
            double d = Math.sqrt(s);
            l[j * k + j] = d;
            for (int i = j + 1; i < k; i++) {
                double t = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    t -= l[i * k + p] * l[j * k + p];
                }
                l[i * k + j] = t / d;
            }
        }
        return l;
    }

    /**
     * Solves {@code L L^T X = B} in place.
     *
     * @param l the factor
     * @param k the order
     * @param b {@code [k x m]} row-major, overwritten by X
     * @param m the number of right-hand sides
     */
    static void solve(double[] l, int k, double[] b, int m) {
        for (int i = 0; i < k; i++) {
            for (int p = 0; p < i; p++) {
                double f = l[i * k + p];
                for (int c = 0; c < m; c++) {
                    b[i * m + c] -= f * b[p * m + c];
                }
            }
            double d = l[i * k + i];
            for (int c = 0; c < m; c++) {
                b[i * m + c] /= d;
            }
        }
        for (int i = k - 1; i >= 0; i--) {
            for (int p = i + 1; p < k; p++) {
                double f = l[p * k + i];
                for (int c = 0; c < m; c++) {
                    b[i * m + c] -= f * b[p * m + c];
                }
            }
            double d = l[i * k + i];
            for (int c = 0; c < m; c++) {
                b[i * m + c] /= d;
            }
        }
    }
}
