// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.demo;

import java.util.SplittableRandom;

/**
 * Softmax regression over a bag of words: {@code h = (1/T) sum_t tanh(e_t)} with fixed word
 * embeddings {@code e_t}, logits {@code z = W h + b}, cross-entropy loss, plain minibatch SGD. All
 * in float64; every gradient the store needs has a closed form here:
 * <ul>
 *   <li>{@code dL/dz = p - onehot(y)} (the head's {@code LAYER_OUTPUT_GRADS}, with {@code h} its
 *       {@code LAYER_INPUTS});</li>
 *   <li>{@code dL/de_t = (W^T (p - onehot(y))) * (1 - tanh(e_t)^2) / T} ({@code EMBEDDING_GRADS});</li>
 *   <li>{@code dz_y/de_t = W_y * (1 - tanh(e_t)^2) / T} ({@code INPUT_GRADS}, for VoG).</li>
 * </ul>
 */
public final class SoftmaxModel {
    private final int k;
    private final int d;
    private final double[][] w;
    private final double[] b;

    /**
     * @param numClasses K
     * @param dim D
     * @param seed initialisation seed (weights ~ N(0, 0.01^2))
     */
    public SoftmaxModel(int numClasses, int dim, long seed) {
        this.k = numClasses;
        this.d = dim;
        this.w = new double[numClasses][dim];
        this.b = new double[numClasses];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (double[] row : w) {
            for (int j = 0; j < dim; j++) {
                row[j] = 0.01 * (rnd.nextDouble() * 2 - 1);
            }
        }
    }

    /**
     * @param tokens an example's token ids
     * @param emb the embeddings
     * @return h, the mean tanh embedding
     */
    public static double[] features(int[] tokens, double[][] emb) {
        double[] h = new double[emb[0].length];
        for (int t : tokens) {
            for (int j = 0; j < h.length; j++) {
                h[j] += Math.tanh(emb[t][j]);
            }
        }
        for (int j = 0; j < h.length; j++) {
            h[j] /= tokens.length;
        }
        return h;
    }

    /**
     * @param h features
     * @return logits {@code W h + b}
     */
    public double[] logits(double[] h) {
        double[] z = new double[k];
        for (int c = 0; c < k; c++) {
            double s = b[c];
            for (int j = 0; j < d; j++) {
                s += w[c][j] * h[j];
            }
            z[c] = s;
        }
        return z;
    }

    /**
     * @param z logits
     * @return softmax(z), computed stably
     */
    public static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        double[] p = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - m);
            s += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= s;
        }
        return p;
    }

    /**
     * One SGD step on the mean loss of a minibatch.
     *
     * @param feats features of the batch's examples
     * @param labels their labels
     * @param lr the learning rate
     */
    public void step(double[][] feats, int[] labels, double lr) {
        double[][] gw = new double[k][d];
        double[] gb = new double[k];
        for (int i = 0; i < feats.length; i++) {
            double[] delta = softmax(logits(feats[i]));
            delta[labels[i]] -= 1;
            for (int c = 0; c < k; c++) {
                gb[c] += delta[c];
                for (int j = 0; j < d; j++) {
                    gw[c][j] += delta[c] * feats[i][j];
                }
            }
        }
        double scale = lr / feats.length;
        for (int c = 0; c < k; c++) {
            b[c] -= scale * gb[c];
            for (int j = 0; j < d; j++) {
                w[c][j] -= scale * gw[c][j];
            }
        }
    }

    /**
     * @param c a class
     * @return a copy of W's row c
     */
    public double[] weightRow(int c) {
        return w[c].clone();
    }

    /**
     * @param delta {@code dL/dz}
     * @return {@code W^T delta}
     */
    public double[] backToFeatures(double[] delta) {
        double[] g = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                g[j] += w[c][j] * delta[c];
            }
        }
        return g;
    }

    /**
     * @param tokens examples' token ids
     * @param labels their labels
     * @param emb the embeddings
     * @return the fraction predicted correctly (argmax ties to the lowest class)
     */
    public double accuracy(int[][] tokens, int[] labels, double[][] emb) {
        int ok = 0;
        for (int i = 0; i < tokens.length; i++) {
            double[] z = logits(features(tokens[i], emb));
            int arg = 0;
            for (int c = 1; c < z.length; c++) {
                if (z[c] > z[arg]) {
                    arg = c;
                }
            }
            ok += arg == labels[i] ? 1 : 0;
        }
        return (double) ok / tokens.length;
    }
}
