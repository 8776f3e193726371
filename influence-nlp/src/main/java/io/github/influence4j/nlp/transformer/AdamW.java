// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019, Algorithm 2), as PyTorch's
 * {@code torch.optim.AdamW}, for one parameter array:
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   p = p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) - lr wd p
 * </pre>
 *
 * @implNote ND4J 1.0.0-M2.1 has no AdamW. PyTorch applies the decay first ({@code p *= 1 - lr wd}),
 *     then the Adam step on the decayed {@code p}; the two orders are the same update since the Adam
 *     term does not read {@code p}. Not thread-safe; one instance per parameter.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final INDArray m;
    private final INDArray v;
    private int t;

    /**
     * @param shape the parameter's shape
     * @param beta1 first-moment decay (0.9)
     * @param beta2 second-moment decay (0.999)
     * @param epsilon added to the root of the second moment (1e-8; HuggingFace fine-tuning uses 1e-6 or 1e-8)
     * @param weightDecay decoupled decay per unit learning rate (0.01 for weights, 0 for biases and LayerNorm)
     */
    public AdamW(long[] shape, double beta1, double beta2, double epsilon, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0 && weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW needs 0 <= beta < 1, epsilon > 0, weightDecay >= 0; got beta1 "
                    + beta1 + ", beta2 " + beta2 + ", epsilon " + epsilon + ", weightDecay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        this.v = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
    }

    /**
     * Applies one step in place.
     *
     * @param parameter the parameter, updated in place
     * @param gradient its gradient (not modified)
     * @param learningRate this step's rate
     */
    public void step(INDArray parameter, INDArray gradient, double learningRate) {
        t++;
        m.muli(beta1).addi(gradient.mul(1 - beta1));
        v.muli(beta2).addi(gradient.mul(gradient).muli(1 - beta2));
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray denom = Transforms.sqrt(v.div(c2), false).addi(epsilon);
        if (weightDecay > 0) {
            parameter.subi(parameter.mul(learningRate * weightDecay));
        }
        parameter.subi(m.div(c1).divi(denom).muli(learningRate));
    }

    /** @return the number of steps taken */
    public int steps() {
        return t;
    }
}
