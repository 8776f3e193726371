// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import io.github.influence4j.nlp.text.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains an embedding matrix held outside SameDiff's autodiff: the gradient of the loss with
 * respect to the lookup output, {@code dL/de} {@code [rows, L, D]}, is scatter-added into the rows
 * of the matrix whose tokens occurred ({@code dL/dE[w] = sum over positions holding w}), and ND4J's
 * Adam (Kingma and Ba 2015) updates the whole matrix, as a dense {@code torch.optim.Adam} would.
 *
 * @implNote Padding positions are not scattered, so the padding row stays exactly zero (its Adam
 *     moments stay zero). Not thread-safe.
 */
public final class EmbeddingAdam {
    private final INDArray embedding;
    private final GradientUpdater<?> updater;
    private final float[] gradient;
    private final int dim;

    /**
     * @param embedding the matrix {@code [V, D]}, FLOAT, C order; updated in place
     * @param learningRate Adam's step size
     */
    public EmbeddingAdam(INDArray embedding, double learningRate) {
        if (embedding.rank() != 2 || embedding.dataType() != DataType.FLOAT || embedding.ordering() != 'c') {
            throw new IllegalArgumentException("embedding must be a FLOAT [V, D] C-order matrix, got "
                    + embedding.shapeInfoToString());
        }
        this.embedding = embedding;
        this.dim = (int) embedding.size(1);
        this.gradient = new float[(int) embedding.length()];
        Adam adam = new Adam(learningRate);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(embedding.length()));
        this.updater = adam.instantiate(state, true);
        this.updater.setStateViewArray(state, embedding.shape(), 'c', true);
    }

    /**
     * Applies one Adam step.
     *
     * @param lookupGradient {@code dL/de}, {@code [rows, L, D]}
     * @param ids the token ids of the lookup, {@code [rows, L]}
     * @param iteration the 0-based optimizer step (Adam's bias correction uses {@code iteration + 1})
     * @param epoch the epoch
     */
    public void step(INDArray lookupGradient, INDArray ids, int iteration, int epoch) {
        java.util.Arrays.fill(gradient, 0f);
        scatterAdd(lookupGradient, ids, gradient, dim);
        INDArray g = Nd4j.createFromArray(gradient).reshape('c', embedding.shape());
        updater.applyUpdater(g, iteration, epoch);
        embedding.subi(g);
    }

    /**
     * {@code out[w] += sum of the gradient rows at positions holding w}, padding skipped.
     *
     * @param lookupGradient {@code [rows, L, D]}
     * @param ids {@code [rows, L]}
     * @param out row-major {@code [V, D]} accumulator
     * @param dim D
     */
    static void scatterAdd(INDArray lookupGradient, INDArray ids, float[] out, int dim) {
        float[] g = lookupGradient.dup('c').data().asFloat();
        int[] tok = ids.dup('c').data().asInt();
        if ((long) tok.length * dim != g.length) {
            throw new IllegalArgumentException("lookup gradient " + lookupGradient.shapeInfoToString()
                    + " does not match ids " + java.util.Arrays.toString(ids.shape()) + " x D=" + dim);
        }
        for (int p = 0; p < tok.length; p++) {
            int w = tok[p];
            if (w == Vocabulary.PAD) {
                continue;
            }
            int src = p * dim;
            int dst = w * dim;
            for (int j = 0; j < dim; j++) {
                out[dst + j] += g[src + j];
            }
        }
    }
}
