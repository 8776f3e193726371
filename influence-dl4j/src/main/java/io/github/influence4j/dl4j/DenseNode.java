// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J {@code DenseLayer} or {@code OutputLayer} whose pass is computed here from its parameters,
 * so that the per-example factors of its gradient are at hand: the input activation {@code a} and
 * {@code delta = dL/dz} for {@code z = a W + b}, whence {@code dL/dW = a^T delta} and
 * {@code dL/db = delta} per example.
 *
 * <p>With {@code activation == null} the node outputs {@code z} itself: that is how the output layer
 * yields the logits.
 */
final class DenseNode implements Node {
    private final String name;
    private final int input;
    private final Layer layer;
    private final @Nullable IActivation activation;
    private final @Nullable InputPreProcessor preProcessor;
    private final boolean hasBias;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    private @Nullable INDArray layerInput;
    private @Nullable INDArray preActivation;
    private @Nullable INDArray delta;
    private int batch;

    DenseNode(String name, int input, Layer layer, @Nullable IActivation activation,
            @Nullable InputPreProcessor preProcessor, boolean hasBias) {
        this.name = name;
        this.input = input;
        this.layer = layer;
        this.activation = activation;
        this.preProcessor = preProcessor;
        this.hasBias = hasBias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] inputs() {
        return new int[] {input};
    }

    @Override
    public INDArray forward(INDArray[] in) {
        INDArray x = in[0];
        batch = (int) x.size(0);
        if (preProcessor != null) {
            x = preProcessor.preProcess(x, batch, mgr);
        }
        layerInput = x;
        INDArray z = x.mmul(layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
        if (hasBias) {
            z.addiRowVector(layer.getParam(DefaultParamInitializer.BIAS_KEY));
        }
        preActivation = z;
        delta = null;
        return activation == null ? z : activation.getActivation(z.dup(), false);
    }

    @Override
    public INDArray[] backward(INDArray eps) {
        if (preActivation == null) {
            throw new IllegalStateException("backward before forward in layer '" + name + "'");
        }
        INDArray d = activation == null ? eps.dup() : activation.backprop(preActivation.dup(), eps.dup()).getFirst();
        delta = d;
        INDArray epsIn = d.mmul(layer.getParam(DefaultParamInitializer.WEIGHT_KEY).transpose());
        if (preProcessor != null) {
            epsIn = preProcessor.backprop(epsIn, batch, mgr);
        }
        return new INDArray[] {epsIn};
    }

    /** @return the layer input {@code a} of the last forward pass, {@code [B, nIn]} */
    INDArray layerInput() {
        if (layerInput == null) {
            throw new IllegalStateException("no forward pass yet in layer '" + name + "'");
        }
        return layerInput;
    }

    /** @return {@code delta = dL/dz} of the last backward pass, {@code [B, nOut]} */
    INDArray delta() {
        if (delta == null) {
            throw new IllegalStateException("no backward pass yet in layer '" + name + "'");
        }
        return delta;
    }
}
