// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.capture.CapturedBatch;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the outputs and gradients SameDiff returned for one batch into store artifacts: dense
 * kinds as they are, ragged kinds reduced to the real positions of {@link EvalBatch#positions()}.
 */
final class BatchAssembler {
    private BatchAssembler() {
    }

    static CapturedBatch assemble(GraphTaps taps, EvalBatch batch, Set<ArtifactKind> kinds, Map<String, INDArray> out,
            Map<String, INDArray> lossGrads, Map<String, INDArray> inputGrads) {
        Map<ArtifactKey, INDArray> dense = new HashMap<>();
        Map<ArtifactKey, INDArray> ragged = new HashMap<>();
        if (kinds.contains(ArtifactKind.LOGITS)) {
            dense.put(ArtifactKey.of(ArtifactKind.LOGITS), require(out, taps.logits(), "LOGITS"));
        }
        if (kinds.contains(ArtifactKind.LOSS)) {
            dense.put(ArtifactKey.of(ArtifactKind.LOSS), require(out, taps.perExampleLoss(), "LOSS").reshape(batch.size()));
        }
        for (DenseLayerTap t : taps.denseLayers()) {
            if (kinds.contains(ArtifactKind.LAYER_INPUTS)) {
                dense.put(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, t.name()), require(out, t.inputVariable(),
                        "LAYER_INPUTS." + t.name()));
            }
            if (kinds.contains(ArtifactKind.LAYER_OUTPUT_GRADS)) {
                dense.put(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, t.name()),
                        require(lossGrads, t.preActivationVariable(), "LAYER_OUTPUT_GRADS." + t.name()));
            }
        }
        int[] lengths = new int[batch.size()];
        int total = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = batch.positions()[i].length;
            total += lengths[i];
        }
        int[] rows = new int[total];
        int at = 0;
        for (int[] p : batch.positions()) {
            System.arraycopy(p, 0, rows, at, p.length);
            at += p.length;
        }
        if (kinds.contains(ArtifactKind.EMBEDDING_GRADS)) {
            ragged.put(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS),
                    realRows(require(lossGrads, taps.lookupOutput(), "EMBEDDING_GRADS"), rows));
        }
        if (kinds.contains(ArtifactKind.INPUT_GRADS)) {
            ragged.put(ArtifactKey.of(ArtifactKind.INPUT_GRADS),
                    realRows(require(inputGrads, taps.embeddingOutput(), "INPUT_GRADS"), rows));
        }
        for (Map.Entry<ArtifactKey, INDArray> e : dense.entrySet()) {
            if (e.getValue().size(0) != batch.size()) {
                throw new ConfigurationException(e.getKey() + ": graph variable has shape "
                        + java.util.Arrays.toString(e.getValue().shape()) + ", expected " + batch.size()
                        + " rows (one per example of the batch)");
            }
        }
        return new CapturedBatch(batch.ids(), dense, ragged, lengths);
    }

    private static INDArray realRows(INDArray activationGrad, int[] rows) {
        long d = activationGrad.size(activationGrad.rank() - 1);
        INDArray flat = activationGrad.reshape(activationGrad.ordering(), -1, d);
        long n = flat.size(0);
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new ConfigurationException("position row " + r + " is outside the " + n
                        + " rows of the embedding output viewed as [-1, " + d + "]; check EvalBatch.positions()");
            }
        }
        if (rows.length == 0) {
            return Nd4j.create(activationGrad.dataType(), 0, d);
        }
        return Nd4j.pullRows(flat, 1, rows);
    }

    private static INDArray require(Map<String, INDArray> m, String name, String what) {
        INDArray a = m.get(name);
        if (a == null) {
            throw new ConfigurationException("SameDiff returned no value for '" + name + "' (needed for " + what
                    + "); if it is an activation computed only from constants and placeholders, name the constant in"
                    + " GraphTaps.gradientRoots so that SameDiff keeps its gradient path");
        }
        return a;
    }
}
