// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any other layer of a {@code MultiLayerNetwork} (or the parameterless {@code LossLayer} at its
 * end, with {@code passThrough}): forward and backward through DL4J's own layer implementation,
 * in eval mode and without workspaces, on the capture's working copy.
 */
final class LayerNode implements Node {
    private final String name;
    private final int input;
    private final @Nullable Layer layer;
    private final @Nullable InputPreProcessor preProcessor;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    private int batch;

    /**
     * @param layer the layer, or null for an identity (a {@code LossLayer} whose input is the logits)
     */
    LayerNode(String name, int input, @Nullable Layer layer, @Nullable InputPreProcessor preProcessor) {
        this.name = name;
        this.input = input;
        this.layer = layer;
        this.preProcessor = preProcessor;
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
        return layer == null ? x : layer.activate(x, false, mgr);
    }

    @Override
    public INDArray[] backward(INDArray eps) {
        INDArray e = layer == null ? eps : layer.backpropGradient(eps, mgr).getSecond();
        if (preProcessor != null) {
            e = preProcessor.backprop(e, batch, mgr);
        }
        return new INDArray[] {e};
    }
}
