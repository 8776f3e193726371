// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/**
 * An independent float64 BERT classifier in plain Java loops, one example at a time and unpadded (so
 * no attention mask): the oracle for {@link BertEncoder}'s ops (LayerNorm, masked softmax attention,
 * exact GELU) and, by central finite differences, for the gradients capture takes.
 */
final class NaiveBert {
    private final BertWeights w;
    private final BertConfig c;
    /** head parameters, [in][out] and [out]: fc1_w, fc1_b, fc2_w, fc2_b, fc3_w, fc3_b */
    final double[][][] headW = new double[3][][];
    final double[][] headB = new double[3][];

    NaiveBert(BertWeights w) {
        this.w = w;
        this.c = w.config();
    }

    /** @return the word embeddings of {@code ids}, [L][H] */
    double[][] wordEmbeddings(int[] ids) {
        double[][] e = new double[ids.length][c.hidden()];
        float[] table = w.raw(BertEncoder.WORD_TABLE);
        for (int t = 0; t < ids.length; t++) {
            for (int j = 0; j < c.hidden(); j++) {
                e[t][j] = table[ids[t] * c.hidden() + j];
            }
        }
        return e;
    }

    /** @return last_hidden_state [L][H] for input embeddings {@code e} [L][H] and token types */
    double[][] encode(double[][] e, int[] types) {
        int len = e.length;
        int h = c.hidden();
        float[] pos = w.raw("embeddings.position_embeddings.weight");
        float[] typ = w.raw("embeddings.token_type_embeddings.weight");
        double[][] x = new double[len][h];
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < h; j++) {
                x[t][j] = e[t][j] + pos[t * h + j] + typ[types[t] * h + j];
            }
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        int nh = c.heads();
        int d = c.headSize();
        for (int l = 0; l < c.layers(); l++) {
            String n = "encoder.layer." + l + ".";
            double[][] q = dense(x, n + "attention.self.query");
            double[][] k = dense(x, n + "attention.self.key");
            double[][] v = dense(x, n + "attention.self.value");
            double[][] ctx = new double[len][h];
            for (int head = 0; head < nh; head++) {
                for (int i = 0; i < len; i++) {
                    double[] s = new double[len];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) {
                        double dot = 0;
                        for (int u = 0; u < d; u++) {
                            dot += q[i][head * d + u] * k[j][head * d + u];
                        }
                        s[j] = dot / Math.sqrt(d);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < len; j++) {
                        s[j] = Math.exp(s[j] - max);
                        z += s[j];
                    }
                    for (int j = 0; j < len; j++) {
                        for (int u = 0; u < d; u++) {
                            ctx[i][head * d + u] += s[j] / z * v[j][head * d + u];
                        }
                    }
                }
            }
            x = layerNorm(add(dense(ctx, n + "attention.output.dense"), x), n + "attention.output.LayerNorm");
            double[][] inter = dense(x, n + "intermediate.dense");
            for (double[] row : inter) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = 0.5 * row[j] * (1 + erf(row[j] / Math.sqrt(2)));
                }
            }
            x = layerNorm(add(dense(inter, n + "output.dense"), x), n + "output.LayerNorm");
        }
        return x;
    }

    /** @return the logits [K] of one example: mean pool, then the head */
    double[] logits(double[][] e, int[] types) {
        double[][] hs = encode(e, types);
        double[] u = new double[c.hidden()];
        for (double[] row : hs) {
            for (int j = 0; j < u.length; j++) {
                u[j] += row[j] / hs.length;
            }
        }
        for (int layer = 0; layer < 3; layer++) {
            double[] z = headB[layer].clone();
            for (int i = 0; i < u.length; i++) {
                for (int j = 0; j < z.length; j++) {
                    z[j] += u[i] * headW[layer][i][j];
                }
            }
            if (layer < 2) {
                for (int j = 0; j < z.length; j++) {
                    z[j] = Math.max(0, z[j]);
                }
            }
            u = z;
        }
        return u;
    }

    /** @return the cross-entropy of one example */
    static double loss(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return Math.log(s) + max - z[y];
    }

    private double[][] dense(double[][] x, String name) {
        long[] shape = w.shape(name + ".weight");
        int in = (int) shape[0];
        int out = (int) shape[1];
        float[] wt = w.raw(name + ".weight");
        float[] b = w.raw(name + ".bias");
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int j = 0; j < out; j++) {
                y[t][j] = b[j];
            }
            for (int i = 0; i < in; i++) {
                double xi = x[t][i];
                for (int j = 0; j < out; j++) {
                    y[t][j] += xi * wt[i * out + j];
                }
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String name) {
        float[] g = w.raw(name + ".weight");
        float[] b = w.raw(name + ".bias");
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v / x[t].length;
            }
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean) / x[t].length;
            }
            y[t] = new double[x[t].length];
            for (int j = 0; j < x[t].length; j++) {
                y[t][j] = (x[t][j] - mean) / Math.sqrt(var + c.layerNormEpsilon()) * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < a[t].length; j++) {
                y[t][j] = a[t][j] + b[t][j];
            }
        }
        return y;
    }

    /** erf to ~1e-15 (Abramowitz and Stegun 7.1.26 is too coarse; a series/continued fraction is used). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            // Maclaurin series: erf x = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1))
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // continued fraction for erfc, Lentz's method
            double tiny = 1e-300;
            double f = ax;
            double cc = ax;
            double dd = 0;
            for (int n = 1; n < 300; n++) {
                double an = n / 2.0;
                dd = ax + an * dd;
                dd = 1 / (Math.abs(dd) < tiny ? tiny : dd);
                cc = ax + an / cc;
                double delta = cc * dd;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
