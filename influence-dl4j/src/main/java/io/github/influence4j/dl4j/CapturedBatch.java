package io.github.influence4j.dl4j;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The artifacts of one batch, all float32, example-major (DESIGN.md section 2).
 *
 * @param logits {@code LOGITS}, {@code [B, K]}: pre-softmax outputs in eval mode
 * @param loss {@code LOSS}, {@code [B]}: per-example cross-entropy, natural log
 * @param layerInputs {@code LAYER_INPUTS} per requested dense layer, {@code [B, nIn]}
 * @param layerOutputGrads {@code LAYER_OUTPUT_GRADS} per requested dense layer, {@code [B, nOut]}:
 *     {@code delta = dL_i / dz_i} of the per-example loss
 * @param inputGrads {@code INPUT_GRADS} if requested: the real positions of all B examples
 *     concatenated, {@code [sum T_i, D]}
 * @param inputGradLengths {@code T_i} per example (empty if no input gradients were requested)
 */
public record CapturedBatch(INDArray logits, INDArray loss, Map<String, INDArray> layerInputs,
        Map<String, INDArray> layerOutputGrads, Optional<INDArray> inputGrads, int[] inputGradLengths) {
    /** Copies the maps and the lengths. */
    public CapturedBatch {
        layerInputs = Map.copyOf(layerInputs);
        layerOutputGrads = Map.copyOf(layerOutputGrads);
        inputGradLengths = inputGradLengths.clone();
    }

    /** @return the number of examples in the batch */
    public int size() {
        return (int) logits.size(0);
    }

    /** @return a copy of the per-example input-gradient lengths */
    @Override
    public int[] inputGradLengths() {
        return inputGradLengths.clone();
    }
}
