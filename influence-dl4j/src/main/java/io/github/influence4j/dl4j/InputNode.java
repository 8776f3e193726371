// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A network input: its output is the input array itself. */
final class InputNode implements Node {
    private final String name;
    private final int inputIndex;

    InputNode(String name, int inputIndex) {
        this.name = name;
        this.inputIndex = inputIndex;
    }

    /** @return which of the network's inputs this node stands for */
    int inputIndex() {
        return inputIndex;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] inputs() {
        return new int[0];
    }

    @Override
    public INDArray forward(INDArray[] in) {
        throw new IllegalStateException("input node '" + name + "' is fed directly");
    }

    @Override
    public INDArray[] backward(INDArray eps) {
        return new INDArray[0];
    }
}
