// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scalar capture objective of a graph, {@code sum_i w_i L_i + sum_i sum_k s_ik z_ik} (see
 * {@link SameDiffCapture}): adds it to the graph, builds the values of its two placeholders for each
 * use, and switches the graph's loss variables to it for the duration of a capture.
 */
final class CaptureObjective {
    private final SameDiff sd;
    private final GraphTaps taps;
    private final int numClasses;

    private CaptureObjective(SameDiff sd, GraphTaps taps) {
        this.sd = sd;
        this.taps = taps;
        this.numClasses = taps.numClasses();
    }

    /**
     * Adds the placeholders and the objective, unless the graph already has them.
     *
     * @param sd a graph holding the tapped variables
     * @param taps the names capture reads
     * @return the objective
     */
    static CaptureObjective addTo(SameDiff sd, GraphTaps taps) {
        if (!sd.hasVariable(SameDiffCapture.OBJECTIVE)) {
            SDVariable logits = sd.getVariable(taps.logits());
            DataType dt = logits.dataType();
            SDVariable w = sd.placeHolder(SameDiffCapture.LOSS_WEIGHTS, dt, -1);
            SDVariable s = sd.placeHolder(SameDiffCapture.LOGIT_SELECT, dt, -1, taps.numClasses());
            SDVariable lossPart = sd.getVariable(taps.perExampleLoss()).mul(w).sum();
            SDVariable logitPart = logits.mul(s).sum();
            lossPart.add(SameDiffCapture.OBJECTIVE, logitPart);
        }
        return new CaptureObjective(sd, taps);
    }

    /** @return the data type of the logits, and so of the objective's placeholders */
    DataType dataType() {
        return sd.getVariable(taps.logits()).dataType();
    }

    /**
     * @param batchSize B
     * @param lossWeight w_i
     * @return {@code w_i = lossWeight, s = 0}
     */
    Map<String, INDArray> weighted(int batchSize, double lossWeight) {
        DataType dt = dataType();
        return Map.of(SameDiffCapture.LOSS_WEIGHTS, Nd4j.valueArrayOf(new long[] {batchSize}, lossWeight, dt),
                SameDiffCapture.LOGIT_SELECT, Nd4j.zeros(dt, batchSize, numClasses));
    }

    /**
     * @param labels the gold classes
     * @param dt the data type
     * @param value the value at the gold class
     * @return one-hot rows {@code [B, K]}
     * @throws ConfigurationException if a label is outside {@code [0, K)}
     */
    INDArray oneHot(int[] labels, DataType dt, double value) {
        INDArray m = Nd4j.zeros(dt, labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new ConfigurationException("label " + labels[i] + " of batch row " + i + " is outside [0, "
                        + numClasses + ")");
            }
            m.putScalar(i, labels[i], value);
        }
        return m;
    }

    /**
     * Makes the objective the graph's loss and rebuilds the gradient function with
     * {@link GraphTaps#gradientRoots()}, unless it already is.
     *
     * @return what to restore afterwards, or null if nothing changed
     */
    @Nullable Restore use() {
        List<String> previous = sd.getLossVariables() == null ? List.of() : List.copyOf(sd.getLossVariables());
        if (previous.equals(List.of(SameDiffCapture.OBJECTIVE)) && sd.getFunction("grad") != null) {
            return null;
        }
        sd.setLossVariables(SameDiffCapture.OBJECTIVE);
        sd.createGradFunction(taps.gradientRoots().toArray(new String[0]));
        return new Restore(previous);
    }

    /** Loss variables to restore after capture (and their gradient function). */
    final class Restore {
        private final List<String> lossVariables;

        Restore(List<String> lossVariables) {
            this.lossVariables = lossVariables;
        }

        void restore() {
            if (!lossVariables.equals(List.of(SameDiffCapture.OBJECTIVE))) {
                sd.setLossVariables(lossVariables.toArray(new String[0]));
                if (!lossVariables.isEmpty()) {
                    sd.createGradFunction(taps.gradientRoots().toArray(new String[0]));
                }
            }
        }
    }
}
