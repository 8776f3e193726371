// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import java.util.BitSet;
import java.util.List;

/**
 * The arithmetic of TracIn (Pruthi et al. 2020, Eq. 1) for one checkpoint: squared gradient norms
 * (self-influence) and gradient dot products (train-to-test), summed over parameter groups and
 * scaled by eta_c, added into double accumulators. Pure: no I/O.
 *
 * @implNote Factored dense layers use the TracInCPFast identity
 *     {@code <delta a^T, delta' a'^T>_F = (a.a')(delta.delta')}, plus {@code delta.delta'} for the
 *     bias; the embedding group sums over shared tokens through the inverted index, so untouched
 *     pairs cost nothing. Each group's product is formed in full and then scaled by eta_c and added,
 *     in group order, so every entry's summation order is independent of the chunking.
 */
final class TracInAccumulator {
    private TracInAccumulator() {
    }

    /**
     * @param blocks the groups of one range at one checkpoint
     * @param eta the checkpoint's factor
     * @param out receives {@code eta * ||g_i||^2} at {@code out[offset + i]}
     * @param offset where the range starts in {@code out}
     */
    static void self(List<GroupBlock> blocks, double eta, double[] out, int offset) {
        int n = blocks.get(0).size();
        double[] s = new double[n];
        for (GroupBlock b : blocks) {
            for (int i = 0; i < n; i++) {
                s[i] += squaredNorm(b, i);
            }
        }
        for (int i = 0; i < n; i++) {
            out[offset + i] += eta * s[i];
        }
    }

    private static double squaredNorm(GroupBlock b, int i) {
        if (b instanceof GroupBlock.Factored f) {
            double aa = dot(f.a(), i * f.in(), f.a(), i * f.in(), f.in());
            double dd = dot(f.d(), i * f.out(), f.d(), i * f.out(), f.out());
            return aa * dd + (f.bias() ? dd : 0);
        } else if (b instanceof GroupBlock.Dense g) {
            return dot(g.g(), i * g.width(), g.g(), i * g.width(), g.width());
        } else {
            return ((GroupBlock.Embedding) b).gradients().squaredNorm(i);
        }
    }

    /**
     * Adds {@code eta * <g(test_i), g(train_j)>} to {@code out[i * n + j]} for the m test and n
     * training examples of two blocks.
     *
     * @param test the test groups at a checkpoint
     * @param train the training groups at the same checkpoint, same group order
     * @param eta the checkpoint's factor
     * @param out {@code [m x n]} row-major
     */
    static void cross(List<GroupBlock> test, List<GroupBlock> train, double eta, double[] out) {
        int m = test.get(0).size();
        int n = train.get(0).size();
        double[] g = new double[m * n];
        for (int k = 0; k < test.size(); k++) {
            GroupBlock a = test.get(k);
            GroupBlock b = train.get(k);
            if (a instanceof GroupBlock.Factored fa && b instanceof GroupBlock.Factored fb) {
                factored(fa, fb, g, n);
            } else if (a instanceof GroupBlock.Dense da && b instanceof GroupBlock.Dense db) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        g[i * n + j] = dot(da.g(), i * da.width(), db.g(), j * db.width(), da.width());
                    }
                }
            } else {
                embedding((GroupBlock.Embedding) a, (GroupBlock.Embedding) b, g, n);
            }
            for (int i = 0; i < g.length; i++) {
                out[i] += eta * g[i];
                g[i] = 0;
            }
        }
    }

    private static void factored(GroupBlock.Factored a, GroupBlock.Factored b, double[] g, int n) {
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < n; j++) {
                double aa = dot(a.a(), i * a.in(), b.a(), j * b.in(), a.in());
                double dd = dot(a.d(), i * a.out(), b.d(), j * b.out(), a.out());
                g[i * n + j] = aa * dd + (a.bias() ? dd : 0);
            }
        }
    }

    private static void embedding(GroupBlock.Embedding a, GroupBlock.Embedding b, double[] g, int n) {
        TokenIndex index = b.index();
        double[] row = new double[n];
        BitSet touched = new BitSet(n);
        for (int i = 0; i < a.size(); i++) {
            index.accumulate(a.gradients(), i, 1.0, row, touched);
            for (int j = touched.nextSetBit(0); j >= 0; j = touched.nextSetBit(j + 1)) {
                g[i * n + j] = row[j];
                row[j] = 0;
            }
            touched.clear();
        }
    }

    /** Receives one nonzero-candidate entry of the sparse path. */
    interface EntrySink {
        void accept(int row, int trainLocal, double value);
    }

    /**
     * The sparse TracIn-WE path: for each requested test row, {@code sum_c eta_c <g_c(test), g_c(train_j)>}
     * for exactly the training examples j sharing a token with it at some checkpoint, the same values
     * (and summation order) as {@link #cross}.
     *
     * @param test per checkpoint, the test blocks (one embedding group)
     * @param train per checkpoint, the training blocks
     * @param etas eta_c
     * @param locals the test rows wanted, as local indices
     * @param sink receives (index into locals, training local index, value) for every touched pair
     */
    static void sparseRows(List<List<GroupBlock>> test, List<List<GroupBlock>> train, double[] etas, int[] locals,
            EntrySink sink) {
        int n = train.get(0).get(0).size();
        double[] acc = new double[n];
        double[] tmp = new double[n];
        BitSet touched = new BitSet(n);
        BitSet step = new BitSet(n);
        for (int k = 0; k < locals.length; k++) {
            for (int c = 0; c < etas.length; c++) {
                for (int g = 0; g < test.get(c).size(); g++) {
                    GroupBlock.Embedding a = (GroupBlock.Embedding) test.get(c).get(g);
                    ((GroupBlock.Embedding) train.get(c).get(g)).index().accumulate(a.gradients(), locals[k], 1.0, tmp, step);
                    for (int j = step.nextSetBit(0); j >= 0; j = step.nextSetBit(j + 1)) {
                        acc[j] += etas[c] * tmp[j];
                        tmp[j] = 0;
                    }
                    touched.or(step);
                    step.clear();
                }
            }
            for (int j = touched.nextSetBit(0); j >= 0; j = touched.nextSetBit(j + 1)) {
                sink.accept(k, j, acc[j]);
                acc[j] = 0;
            }
            touched.clear();
        }
    }

    /**
     * @return {@code sum_k x[xo + k] * y[yo + k]}, with four running sums (independent additions the
     *     CPU overlaps: about 2x the throughput of one sum on 64-wide rows), added pairwise at the end
     */
    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += x[xo + k] * y[yo + k];
            s1 += x[xo + k + 1] * y[yo + k + 1];
            s2 += x[xo + k + 2] * y[yo + k + 2];
            s3 += x[xo + k + 3] * y[yo + k + 3];
        }
        for (; k < len; k++) {
            s0 += x[xo + k] * y[yo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
