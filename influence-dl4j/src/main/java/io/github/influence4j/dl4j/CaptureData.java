// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.store.ExampleRange;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The examples a capture observes, in store order: example id {@code i} is row {@code i} of every
 * input, with gold class {@code labels[i]}.
 *
 * <pre>{@code
 * CaptureData data = CaptureData.of(trainSet);                 // a DataSet with one-hot labels
 * CaptureData data = CaptureData.of(features, labels);          // int class indices
 * CaptureData data = CaptureData.ofInputs(new INDArray[] {a, b}, labels);   // ComputationGraph
 * }</pre>
 *
 * <p>The arrays are held, not copied: do not modify them while captures run.
 */
public final class CaptureData {
    private final INDArray[] inputs;
    private final int[] labels;
    private final @Nullable INDArray featuresMask;

    private CaptureData(INDArray[] inputs, int[] labels, @Nullable INDArray featuresMask) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("at least one input array is needed");
        }
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            if (inputs[i].rank() < 2 || inputs[i].size(0) != labels.length) {
                throw new IllegalArgumentException("input " + i + " has shape " + Arrays.toString(inputs[i].shape())
                        + " but there are " + labels.length + " labels; expected [" + labels.length + ", ...]");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i] + "; class indices are >= 0");
            }
        }
        if (featuresMask != null && (featuresMask.rank() != 2 || featuresMask.size(0) != labels.length)) {
            throw new IllegalArgumentException("features mask has shape " + Arrays.toString(featuresMask.shape())
                    + "; expected [" + labels.length + ", T]");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no examples");
        }
        this.inputs = inputs.clone();
        this.labels = labels.clone();
        this.featuresMask = featuresMask;
    }

    /**
     * @param features the single network input, {@code [N, ...]}
     * @param labels gold class per example
     * @return the data
     */
    public static CaptureData of(INDArray features, int[] labels) {
        return new CaptureData(new INDArray[] {features}, labels, null);
    }

    /**
     * @param inputs the network inputs of a {@code ComputationGraph}, in its input order, each {@code [N, ...]}
     * @param labels gold class per example
     * @return the data
     */
    public static CaptureData ofInputs(INDArray[] inputs, int[] labels) {
        return new CaptureData(inputs, labels, null);
    }

    /**
     * @param dataSet features and labels, either one-hot {@code [N, K]} (the class is the argmax; ties
     *     to the lowest index) or class indices {@code [N]} / {@code [N, 1]}; its features mask, if any, is kept
     * @return the data
     */
    public static CaptureData of(DataSet dataSet) {
        INDArray y = dataSet.getLabels();
        int n = (int) y.size(0);
        int[] labels = new int[n];
        if (y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1)) {
            long[] v = y.reshape(n).toLongVector();
            for (int i = 0; i < n; i++) {
                labels[i] = Math.toIntExact(v[i]);
            }
        } else if (y.rank() == 2) {
            int k = (int) y.size(1);
            double[] m = y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (m[i * k + j] > m[i * k + best]) {
                        best = j;
                    }
                }
                labels[i] = best;
            }
        } else {
            throw new IllegalArgumentException("labels of shape " + Arrays.toString(y.shape())
                    + " are not per-example classes; expected one-hot [N, K] or indices [N]");
        }
        return new CaptureData(new INDArray[] {dataSet.getFeatures()}, labels, dataSet.getFeaturesMaskArray());
    }

    /**
     * @param mask {@code [N, T]}: 1 at real time steps of sequence inputs ({@code MultiLayerNetwork} only)
     * @return a copy with this features mask; sequence {@code INPUT_GRADS} keep only real steps
     */
    public CaptureData withFeaturesMask(INDArray mask) {
        return new CaptureData(inputs, labels, Objects.requireNonNull(mask, "mask"));
    }

    /** @return N */
    public int numExamples() {
        return labels.length;
    }

    /** @return the number of network inputs */
    public int numInputs() {
        return inputs.length;
    }

    /** @return a copy of the gold classes */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the features mask, if any */
    public Optional<INDArray> featuresMask() {
        return Optional.ofNullable(featuresMask);
    }

    INDArray[] inputs(ExampleRange range) {
        INDArray[] out = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = rows(inputs[i], range);
        }
        return out;
    }

    @Nullable INDArray mask(ExampleRange range) {
        return featuresMask == null ? null : rows(featuresMask, range);
    }

    int[] labels(ExampleRange range) {
        return Arrays.copyOfRange(labels, range.from(), range.to());
    }

    private static INDArray rows(INDArray a, ExampleRange r) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(r.from(), r.to());
        for (int d = 1; d < idx.length; d++) {
            idx[d] = NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }
}
