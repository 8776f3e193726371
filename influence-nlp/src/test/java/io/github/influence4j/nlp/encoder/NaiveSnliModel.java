// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent float64 implementation of the SNLI encoder's forward pass in plain loops (eval
 * mode), for finite-difference checks of the SameDiff graph. Parameters are copied out of an
 * encoder and may be perturbed.
 */
final class NaiveSnliModel {
    final int d;
    final int k;
    final int h;
    final int hid;
    double[][] emb;
    double[][] convW; // [k*d][h]
    double[] convB;
    double[][] w1;
    double[] b1;
    double[][] w2;
    double[] b2;
    double[][] w3;
    double[] b3;

    NaiveSnliModel(SnliEncoder enc) {
        var sd = enc.graph();
        emb = m(enc.embedding());
        d = emb[0].length;
        k = enc.config().width();
        h = enc.config().channels();
        hid = enc.config().hidden();
        convW = m(sd.getVariable("conv_w").getArr());
        convB = v(sd.getVariable("conv_b").getArr());
        w1 = m(sd.getVariable("fc1_w").getArr());
        b1 = v(sd.getVariable("fc1_b").getArr());
        w2 = m(sd.getVariable("fc2_w").getArr());
        b2 = v(sd.getVariable("fc2_b").getArr());
        w3 = m(sd.getVariable("fc3_w").getArr());
        b3 = v(sd.getVariable("fc3_b").getArr());
    }

    static double[][] m(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }

    static double[] v(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    /** Embedded sentence: rows of emb, optionally overridden per position. */
    double[][] embed(int[] ids) {
        double[][] e = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            e[t] = emb[ids[t]].clone();
        }
        return e;
    }

    double[] encode(double[][] e) {
        double[] pooled = new double[h];
        int half = k / 2;
        for (int t = 0; t < e.length; t++) {
            for (int c = 0; c < h; c++) {
                double s = convB[c];
                for (int j = 0; j < k; j++) {
                    int src = t + j - half;
                    if (src < 0 || src >= e.length) {
                        continue;
                    }
                    for (int q = 0; q < d; q++) {
                        s += e[src][q] * convW[j * d + q][c];
                    }
                }
                pooled[c] = Math.max(pooled[c], Math.max(0, s));
            }
        }
        return pooled;
    }

    /** Logits from embedded premise and hypothesis. */
    double[] logits(double[][] ep, double[][] eh) {
        double[] u = encode(ep);
        double[] vv = encode(eh);
        double[] f = new double[4 * h];
        for (int c = 0; c < h; c++) {
            f[c] = u[c];
            f[h + c] = vv[c];
            f[2 * h + c] = Math.abs(u[c] - vv[c]);
            f[3 * h + c] = u[c] * vv[c];
        }
        double[] a1 = dense(f, w1, b1, true);
        double[] a2 = dense(a1, w2, b2, true);
        return dense(a2, w3, b3, false);
    }

    static double[] dense(double[] x, double[][] w, double[] b, boolean relu) {
        double[] out = b.clone();
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < x.length; i++) {
                out[o] += x[i] * w[i][o];
            }
            if (relu) {
                out[o] = Math.max(0, out[o]);
            }
        }
        return out;
    }

    static double loss(double[] z, int y) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : z) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s) - z[y];
    }

    /** Mean loss of a batch. */
    double meanLoss(EncodedPairs data, int[] ids) {
        double s = 0;
        for (int i : ids) {
            s += loss(logits(embed(data.premise(i)), embed(data.hypothesis(i))), data.label(i));
        }
        return s / ids.length;
    }
}
