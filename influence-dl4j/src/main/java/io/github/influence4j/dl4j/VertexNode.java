// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any other vertex of a {@code ComputationGraph} (layers, merge, element-wise, subset...): forward
 * and backward through DL4J's own vertex implementation, in eval mode and without workspaces, on the
 * capture's working copy.
 */
final class VertexNode implements Node {
    private final GraphVertex vertex;
    private final int[] inputs;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    VertexNode(GraphVertex vertex, int[] inputs) {
        this.vertex = vertex;
        this.inputs = inputs.clone();
    }

    @Override
    public String name() {
        return vertex.getVertexName();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public INDArray forward(INDArray[] in) {
        for (int j = 0; j < in.length; j++) {
            vertex.setInput(j, in[j], mgr);
        }
        return vertex.doForward(false, mgr);
    }

    @Override
    public INDArray[] backward(INDArray eps) {
        vertex.setEpsilon(eps);
        return vertex.doBackward(false, mgr).getSecond();
    }
}
