// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.Objects;

/**
 * A dense layer {@code z = a W + b} whose factored per-example gradient is captured: its input
 * activation {@code a} ({@link ArtifactKind#LAYER_INPUTS}) and the gradient of the loss with
 * respect to its pre-activation output, {@code delta = dL/dz} ({@link ArtifactKind#LAYER_OUTPUT_GRADS}).
 * Then {@code dL/dW = a delta^T} and {@code dL/db = delta} per example (Pruthi et al. 2020, Sec. 3.2;
 * the factored form TracIn and GraNd use).
 *
 * @param name the layer name in the store ({@code LAYER_INPUTS.<name>}): letters, digits, {@code _}, {@code -}
 * @param inputVariable the SameDiff variable holding {@code a}, shape {@code [B, I]}
 * @param preActivationVariable the SameDiff variable holding {@code z}, shape {@code [B, O]}; an
 *     ARRAY variable computed from trainable variables (a placeholder never gets a gradient)
 */
public record DenseLayerTap(String name, String inputVariable, String preActivationVariable) {
    /**
     * Checks the name is a valid layer name.
     *
     * @param name the layer name in the store ({@code LAYER_INPUTS.<name>}): letters, digits, {@code _}, {@code -}
     * @param inputVariable the SameDiff variable holding {@code a}, shape {@code [B, I]}
     * @param preActivationVariable the SameDiff variable holding {@code z}, shape {@code [B, O]}; an
     *     ARRAY variable computed from trainable variables (a placeholder never gets a gradient)
     */
    public DenseLayerTap {
        Objects.requireNonNull(inputVariable, "inputVariable");
        Objects.requireNonNull(preActivationVariable, "preActivationVariable");
        ArtifactKey.of(ArtifactKind.LAYER_INPUTS, name); // validates the name
    }
}
