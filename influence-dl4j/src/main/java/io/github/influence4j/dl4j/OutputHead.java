// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.exception.ConfigurationException;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Checks that a network's output layer has logits, and says where they are.
 *
 * <p>Supported: an {@code OutputLayer} (logits = its pre-activation output {@code z = a W + b}) or a
 * {@code LossLayer} (logits = its input), with a softmax activation and an unweighted cross-entropy
 * loss ({@code LossMCXENT}, {@code LossNegativeLogLikelihood}, {@code LossSparseMCXENT}), or with
 * an identity activation (any loss: the network's output is taken as the logits).
 *
 * @implNote With a softmax output and an unweighted cross-entropy loss, the captured {@code LOSS}
 *     and gradients are exactly those of the training loss (per example, before DL4J averages over
 *     the minibatch). With an identity output they are those of softmax cross-entropy on the
 *     output, the loss every score is defined on (docs/DESIGN.md sections 2.2 and 5.3), whatever
 *     loss trained it.
 */
final class OutputHead {
    private OutputHead() {
    }

    /**
     * @param name the output layer's name
     * @param conf its configuration
     * @return true for an {@code OutputLayer} (parameters, logits = z), false for a {@code LossLayer}
     *     (logits = its input)
     * @throws ConfigurationException naming the layer and what is supported
     */
    static boolean check(String name, Layer conf) {
        boolean dense = conf instanceof OutputLayer;
        if (!dense && !(conf instanceof LossLayer)) {
            throw new ConfigurationException("DL4J capture: output layer '" + name + "' is a "
                    + conf.getClass().getSimpleName() + ", which has no logits; supported output layers: OutputLayer or"
                    + " LossLayer with softmax activation and MCXENT / NEGATIVELOGLIKELIHOOD / SPARSE_MCXENT loss, or"
                    + " with identity activation");
        }
        IActivation act = ((BaseLayer) conf).getActivationFn();
        ILossFunction loss = dense ? ((OutputLayer) conf).getLossFn() : ((LossLayer) conf).getLossFn();
        if (act instanceof ActivationIdentity) {
            return dense;
        }
        if (!(act instanceof ActivationSoftmax)) {
            throw new ConfigurationException("DL4J capture: output layer '" + name + "' (" + conf.getClass().getSimpleName()
                    + ") has activation " + act + ", so its output is not a softmax over logits; supported: softmax"
                    + " (with MCXENT / NEGATIVELOGLIKELIHOOD / SPARSE_MCXENT loss) or identity. Use"
                    + " .activation(Activation.SOFTMAX) for a classifier");
        }
        if (!(loss instanceof LossMCXENT)) {
            throw new ConfigurationException("DL4J capture: output layer '" + name + "' pairs softmax with loss " + loss
                    + "; the captured LOSS and gradients are those of cross-entropy, so the training loss must be MCXENT,"
                    + " NEGATIVELOGLIKELIHOOD or SPARSE_MCXENT");
        }
        if (((LossMCXENT) loss).getWeights() != null) {
            throw new ConfigurationException("DL4J capture: output layer '" + name + "' uses a class-weighted " + loss
                    + "; the scores are defined on the unweighted per-example cross-entropy. Train without weights,"
                    + " or use an identity output");
        }
        return dense;
    }
}
