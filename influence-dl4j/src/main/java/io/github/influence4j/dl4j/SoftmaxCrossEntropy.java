// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.NumericalException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-example softmax cross-entropy of a batch of logits, in float64: the loss, its gradient with
 * respect to the logits, and the true-class indicator (the gradient of the true-class logit).
 *
 * @implNote {@code L_i = logsumexp(z_i) - z_{i,y_i}}, computed with the max subtracted (stable for
 *     any logits; no clipping, unlike DL4J's score). {@code dL_i/dz_i = softmax(z_i) - onehot(y_i)},
 *     the per-example gradient before DL4J divides the summed gradient by the minibatch size.
 */
final class SoftmaxCrossEntropy {
    private final double[][] z;
    private final int[] labels;

    private SoftmaxCrossEntropy(double[][] z, int[] labels) {
        this.z = z;
        this.labels = labels;
    }

    /**
     * @param logits {@code [B, K]}
     * @param labels gold class per example
     * @param outputName the output layer, for messages
     * @return the batch
     */
    static SoftmaxCrossEntropy of(INDArray logits, int[] labels, String outputName) {
        if (logits.rank() != 2 || logits.size(0) != labels.length) {
            throw new ConfigurationException("DL4J capture: output '" + outputName + "' gave shape "
                    + java.util.Arrays.toString(logits.shape()) + " for " + labels.length + " examples; expected [B, K]"
                    + " logits (sequence outputs such as RnnOutputLayer are not supported)");
        }
        int k = (int) logits.size(1);
        double[] flat = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] z = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            z[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
            if (labels[i] >= k) {
                throw new ConfigurationException("DL4J capture: label " + labels[i] + " of batch row " + i
                        + " is out of range for output '" + outputName + "' with " + k + " classes");
            }
        }
        return new SoftmaxCrossEntropy(z, labels);
    }

    /** @return {@code [B]} float32 per-example losses, natural log */
    INDArray loss() {
        float[] loss = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double lse = logSumExp(z[i]);
            loss[i] = (float) (lse - z[i][labels[i]]);
            if (!Double.isFinite(lse)) {
                throw new NumericalException("DL4J capture: non-finite logits in batch row " + i + ": "
                        + java.util.Arrays.toString(z[i]));
            }
        }
        return Nd4j.createFromArray(loss);
    }

    /**
     * @param dt the network's data type
     * @return {@code softmax(z) - onehot(y)}, {@code [B, K]}
     */
    INDArray lossGradient(DataType dt) {
        int k = z[0].length;
        double[] g = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            double lse = logSumExp(z[i]);
            for (int j = 0; j < k; j++) {
                g[i * k + j] = Math.exp(z[i][j] - lse);
            }
            g[i * k + labels[i]] -= 1.0;
        }
        return Nd4j.create(g, new long[] {labels.length, k}, DataType.DOUBLE).castTo(dt);
    }

    /**
     * @param dt the network's data type
     * @return {@code onehot(y)}, {@code [B, K]}: d(sum_i z_{i,y_i}) / d(logits)
     */
    INDArray trueClassIndicator(DataType dt) {
        int k = z[0].length;
        double[] g = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            g[i * k + labels[i]] = 1.0;
        }
        return Nd4j.create(g, new long[] {labels.length, k}, DataType.DOUBLE).castTo(dt);
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }
}
