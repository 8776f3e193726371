// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.spi.OptionValues;
import java.util.List;

/**
 * The gradient-group selection of one scorer, read from its options ({@link GradientScorers#LAYERS},
 * {@link GradientScorers#BIAS}, {@link GradientScorers#TOP_K}, {@link GradientScorers#USE_LEARNING_RATE},
 * {@code checkpoints}, {@link GradientScorers#MAX_MATRIX_BYTES}); resolved against a store by
 * {@link TracInPlan}. The rules are documented once, on {@link GradientScorers#LAYERS}.
 *
 * @param layers parameter groups; empty for the scorer's default
 * @param defaults what an empty {@code layers} selects
 * @param bias include the bias of factored dense layers
 * @param embeddingTopK for the embedding group: positions kept per example and checkpoint, or 0 for all
 * @param useLearningRate weight checkpoint c by eta_c
 * @param checkpoints checkpoint ids; empty for every checkpoint holding gradients
 * @param maxMatrixBytes the largest {@code [test x train]} matrix {@code matrix()} builds
 */
record TracInOptions(List<String> layers, DefaultGroups defaults, boolean bias, int embeddingTopK,
        boolean useLearningRate, List<String> checkpoints, long maxMatrixBytes) {
    /** The group name selecting every captured group. */
    static final String ALL = "all";
    /** The group name selecting the default explicitly. */
    static final String DEFAULT = "default";
    /** The group name of the word embeddings ({@code EMBEDDING_GRADS} with {@code TOKEN_IDS}). */
    static final String EMBEDDINGS = "EMBEDDING_GRADS";
    /** The group name of the projected gradients ({@code PROJECTED_GRADS}). */
    static final String PROJECTED = "PROJECTED_GRADS";
    /** The prefix naming a dense {@code PARAM_GRADS} group even where a factored layer has that name. */
    static final String PARAM_GRADS_PREFIX = "PARAM_GRADS.";
    /** The artifact attribute giving a dense layer's 0-based position from the input. */
    static final String LAYER_INDEX_ATTRIBUTE = "layer-index";

    /** What an empty {@code layers} option selects. */
    enum DefaultGroups {
        /** The last dense layer before the head (TracIn; Tan et al. 2023). */
        LAST_DENSE_BEFORE_HEAD,
        /** Every factored dense layer and every other {@code PARAM_GRADS} group: all of theta (GraNd). */
        EVERY_DENSE_GROUP
    }

    TracInOptions {
        layers = List.copyOf(layers);
        checkpoints = List.copyOf(checkpoints);
        if (layers.equals(List.of(DEFAULT))) {
            layers = List.of();
        }
        if (layers.size() > 1 && (layers.contains(ALL) || layers.contains(PROJECTED) || layers.contains(DEFAULT))) {
            throw new io.github.influence4j.core.exception.ConfigurationException("layers " + layers + ": '" + ALL
                    + "', '" + DEFAULT + "' and '" + PROJECTED + "' must stand alone");
        }
    }

    /**
     * @param o resolved options of a TracIn or GraNd scorer
     * @param defaults what an empty layer list selects
     * @return the selection
     */
    static TracInOptions of(OptionValues o, DefaultGroups defaults) {
        return new TracInOptions(o.get(GradientScorers.LAYERS), defaults, o.get(GradientScorers.BIAS),
                o.get(GradientScorers.TOP_K), o.get(GradientScorers.USE_LEARNING_RATE), o.get(CHECKPOINTS),
                o.get(GradientScorers.MAX_MATRIX_BYTES));
    }

    /**
     * @param o resolved options of a TracIn-WE scorer
     * @return the selection: the embedding group only (Yeh et al. 2022)
     */
    static TracInOptions embeddingsOnly(OptionValues o) {
        return new TracInOptions(List.of(EMBEDDINGS), DefaultGroups.LAST_DENSE_BEFORE_HEAD, true,
                o.get(GradientScorers.TOP_K), o.get(GradientScorers.USE_LEARNING_RATE), o.get(CHECKPOINTS),
                o.get(GradientScorers.MAX_MATRIX_BYTES));
    }
}
