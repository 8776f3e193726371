// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of the eval-mode pass over a network's working copy: a network input, a DL4J layer or
 * graph vertex, or a dense layer whose forward and backward pass this package computes itself.
 * Nodes are kept in topological order; {@link #inputs()} index earlier nodes.
 */
interface Node {
    /** @return the DL4J layer or vertex name (the network input's name for inputs) */
    String name();

    /** @return indices of the nodes feeding this one, in the order the layer or vertex expects */
    int[] inputs();

    /**
     * Eval-mode forward pass (dropout off).
     *
     * @param in the outputs of {@link #inputs()}, batch-major
     * @return this node's output; for the output node, the logits
     */
    INDArray forward(INDArray[] in);

    /**
     * Backward pass of the summed objective, for the batch of the last {@link #forward}.
     *
     * @param eps d(objective) / d(this node's output), per example
     * @return d(objective) / d(each input), per example
     */
    INDArray[] backward(INDArray eps);
}
