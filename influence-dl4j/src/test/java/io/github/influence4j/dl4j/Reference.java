// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Plain-Java float64 forward and backward passes of dense layers, written independently of the
 * code under test (no ND4J ops): the oracle of the parity tests.
 */
final class Reference {
    private Reference() {
    }

    /** An activation and its derivative expressed through the activation value or pre-activation. */
    enum Act {
        IDENTITY, TANH, SIGMOID, SOFTPLUS;

        double f(double z) {
            return switch (this) {
                case IDENTITY -> z;
                case TANH -> Math.tanh(z);
                case SIGMOID -> 1 / (1 + Math.exp(-z));
                case SOFTPLUS -> Math.log1p(Math.exp(z));
            };
        }

        double df(double z) {
            return switch (this) {
                case IDENTITY -> 1;
                case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
                case SIGMOID -> f(z) * (1 - f(z));
                case SOFTPLUS -> 1 / (1 + Math.exp(-z));
            };
        }
    }

    /** Weights of one dense layer in float64. */
    record Dense(double[][] w, double[] b, Act act) {
        static Dense of(Layer layer, Act act) {
            double[][] w = layer.getParam("W").castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] b = layer.getParam("b").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            return new Dense(w, b, act);
        }

        /** z = a W + b for each row a. */
        double[][] pre(double[][] a) {
            return add(matmul(a, w), b);
        }

        /** eps_in = delta W^T. */
        double[][] back(double[][] delta) {
            return matmul(delta, transpose(w));
        }
    }

    static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] add(double[][] a, double[] row) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < row.length; j++) {
                c[i][j] += row[j];
            }
        }
        return c;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] += b[i][j];
            }
        }
        return c;
    }

    static double[][] map(double[][] a, DoubleUnaryOperator f) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = f.applyAsDouble(a[i][j]);
            }
        }
        return c;
    }

    /** Elementwise eps * act'(z). */
    static double[][] delta(double[][] eps, double[][] z, Act act) {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            c[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                c[i][j] = eps[i][j] * act.df(z[i][j]);
            }
        }
        return c;
    }

    static double[][] activate(double[][] z, Act act) {
        return map(z, act::f);
    }

    /** Per-example cross-entropy, natural log. */
    static double[] crossEntropy(double[][] z, int[] y) {
        double[] l = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double s = 0;
            for (double v : z[i]) {
                s += Math.exp(v);
            }
            l[i] = Math.log(s) - z[i][y[i]];
        }
        return l;
    }

    /** softmax(z) - onehot(y). */
    static double[][] crossEntropyGrad(double[][] z, int[] y) {
        double[][] g = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double s = 0;
            for (double v : z[i]) {
                s += Math.exp(v);
            }
            g[i] = new double[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                g[i][k] = Math.exp(z[i][k]) / s - (k == y[i] ? 1 : 0);
            }
        }
        return g;
    }

    static double[][] oneHot(int[] y, int k) {
        double[][] g = new double[y.length][k];
        for (int i = 0; i < y.length; i++) {
            g[i][y[i]] = 1;
        }
        return g;
    }

    static double[] flat(double[][] a) {
        int n = 0;
        for (double[] r : a) {
            n += r.length;
        }
        double[] f = new double[n];
        int p = 0;
        for (double[] r : a) {
            System.arraycopy(r, 0, f, p, r.length);
            p += r.length;
        }
        return f;
    }
}
