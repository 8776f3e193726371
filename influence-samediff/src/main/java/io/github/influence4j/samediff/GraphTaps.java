// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names the parts of a SameDiff graph that capture reads.
 *
 * <pre>{@code
 * GraphTaps taps = GraphTaps.builder()
 *         .embeddingOutput("emb_out").lookupOutput("lookup").gradientRoots("embedding")
 *         .logits("logits").perExampleLoss("loss").labelPlaceholder("labels")
 *         .denseLayer("fc", "hidden", "logits")
 *         .numClasses(3)
 *         .build();
 * }</pre>
 *
 * @param embeddingOutput the embedding-layer output {@code [.., D]} whose gradient of the true-class
 *     logit is {@code INPUT_GRADS} (VoG, Agarwal et al. 2022)
 * @param lookupOutput the word-embedding lookup output {@code [.., D]} whose loss gradient is
 *     {@code EMBEDDING_GRADS} (TracIn-WE, Yeh et al. 2022); often the same variable. It must have
 *     the same layout as {@code embeddingOutput}: {@link EvalBatch#positions()} index both.
 * @param gradientRoots variables passed to {@code SameDiff.createGradFunction(...)} to keep gradient
 *     paths alive that SameDiff would prune (the embedding matrix when it is a constant: SameDiff
 *     1.0.0-M2.1 drops an ARRAY variable whose inputs are all constants or placeholders from the
 *     gradient graph); may be empty
 * @param logits the pre-softmax outputs {@code [B, K]}
 * @param perExampleLoss the per-example cross-entropy {@code [B]} (natural log), not reduced
 * @param labelPlaceholder the placeholder holding labels, either int {@code [B]} or one-hot
 *     {@code [B, K]}; capture fills it from {@link EvalBatch#labels()}
 * @param denseLayers the dense layers whose factored gradients are captured, in forward order (input
 *     side first, the head last): capture records each one's position as the {@code layer-index}
 *     attribute of its {@code LAYER_OUTPUT_GRADS}
 * @param numClasses K, the width of the logits, {@code >= 2} (SameDiff does not infer static shapes)
 */
public record GraphTaps(String embeddingOutput, String lookupOutput, List<String> gradientRoots, String logits,
        String perExampleLoss, String labelPlaceholder, List<DenseLayerTap> denseLayers, int numClasses) {
    /**
     * Copies the lists and checks for nulls and duplicate layer names.
     *
     * @param embeddingOutput the embedding-layer output {@code [.., D]} whose gradient of the true-class
     *     logit is {@code INPUT_GRADS} (VoG, Agarwal et al. 2022)
     * @param lookupOutput the word-embedding lookup output {@code [.., D]} whose loss gradient is
     *     {@code EMBEDDING_GRADS} (TracIn-WE, Yeh et al. 2022); often the same variable. It must have
     *     the same layout as {@code embeddingOutput}: {@link EvalBatch#positions()} index both.
     * @param gradientRoots variables passed to {@code SameDiff.createGradFunction(...)} to keep gradient
     *     paths alive that SameDiff would prune (the embedding matrix when it is a constant: SameDiff
     *     1.0.0-M2.1 drops an ARRAY variable whose inputs are all constants or placeholders from the
     *     gradient graph); may be empty
     * @param logits the pre-softmax outputs {@code [B, K]}
     * @param perExampleLoss the per-example cross-entropy {@code [B]} (natural log), not reduced
     * @param labelPlaceholder the placeholder holding labels, either int {@code [B]} or one-hot
     *     {@code [B, K]}; capture fills it from {@link EvalBatch#labels()}
     * @param denseLayers the dense layers whose factored gradients are captured, in forward order (input
     *     side first, the head last): capture records each one's position as the {@code layer-index}
     *     attribute of its {@code LAYER_OUTPUT_GRADS}
     * @param numClasses K, the width of the logits, {@code >= 2} (SameDiff does not infer static shapes)
     */
    public GraphTaps {
        Objects.requireNonNull(embeddingOutput, "embeddingOutput");
        Objects.requireNonNull(lookupOutput, "lookupOutput");
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(perExampleLoss, "perExampleLoss");
        Objects.requireNonNull(labelPlaceholder, "labelPlaceholder");
        gradientRoots = List.copyOf(gradientRoots);
        denseLayers = List.copyOf(denseLayers);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, was " + numClasses);
        }
        if (denseLayers.stream().map(DenseLayerTap::name).distinct().count() != denseLayers.size()) {
            throw new IllegalArgumentException("dense layer names must be distinct: "
                    + denseLayers.stream().map(DenseLayerTap::name).toList());
        }
    }

    /** @return a builder; every name except the gradient roots and dense layers is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures {@link GraphTaps}. */
    public static final class Builder {
        private @Nullable String embeddingOutput;
        private @Nullable String lookupOutput;
        private final List<String> gradientRoots = new ArrayList<>();
        private @Nullable String logits;
        private @Nullable String perExampleLoss;
        private @Nullable String labelPlaceholder;
        private final List<DenseLayerTap> denseLayers = new ArrayList<>();
        private int numClasses;

        private Builder() {
        }

        /**
         * @param name the embedding-layer output, whose true-class-logit gradient is {@code INPUT_GRADS}
         * @return this builder
         */
        public Builder embeddingOutput(String name) {
            this.embeddingOutput = Objects.requireNonNull(name, "embeddingOutput");
            return this;
        }

        /**
         * @param name the word-embedding lookup output, whose loss gradient is {@code EMBEDDING_GRADS}
         * @return this builder
         */
        public Builder lookupOutput(String name) {
            this.lookupOutput = Objects.requireNonNull(name, "lookupOutput");
            return this;
        }

        /**
         * @param names variables that keep gradient paths alive (see {@link GraphTaps#gradientRoots()});
         *     adds to earlier calls
         * @return this builder
         */
        public Builder gradientRoots(String... names) {
            for (String n : names) {
                gradientRoots.add(Objects.requireNonNull(n, "gradient root"));
            }
            return this;
        }

        /**
         * @param name the pre-softmax outputs {@code [B, K]}
         * @return this builder
         */
        public Builder logits(String name) {
            this.logits = Objects.requireNonNull(name, "logits");
            return this;
        }

        /**
         * @param name the per-example cross-entropy {@code [B]}
         * @return this builder
         */
        public Builder perExampleLoss(String name) {
            this.perExampleLoss = Objects.requireNonNull(name, "perExampleLoss");
            return this;
        }

        /**
         * @param name the label placeholder, int {@code [B]} or one-hot {@code [B, K]}
         * @return this builder
         */
        public Builder labelPlaceholder(String name) {
            this.labelPlaceholder = Objects.requireNonNull(name, "labelPlaceholder");
            return this;
        }

        /**
         * Adds a dense layer after those added before (forward order).
         *
         * @param name the layer name in the store
         * @param inputVariable the variable holding its input {@code a}
         * @param preActivationVariable the variable holding its pre-activation output {@code z}
         * @return this builder
         */
        public Builder denseLayer(String name, String inputVariable, String preActivationVariable) {
            denseLayers.add(new DenseLayerTap(name, inputVariable, preActivationVariable));
            return this;
        }

        /**
         * @param k the width of the logits, {@code >= 2}
         * @return this builder
         */
        public Builder numClasses(int k) {
            this.numClasses = k;
            return this;
        }

        /**
         * @return the taps
         * @throws IllegalStateException naming the required names that were not set
         */
        public GraphTaps build() {
            List<String> missing = new ArrayList<>();
            if (embeddingOutput == null) {
                missing.add("embeddingOutput");
            }
            if (lookupOutput == null) {
                missing.add("lookupOutput");
            }
            if (logits == null) {
                missing.add("logits");
            }
            if (perExampleLoss == null) {
                missing.add("perExampleLoss");
            }
            if (labelPlaceholder == null) {
                missing.add("labelPlaceholder");
            }
            if (numClasses == 0) {
                missing.add("numClasses");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("GraphTaps.Builder: set " + missing + " before build()");
            }
            return new GraphTaps(embeddingOutput, lookupOutput, gradientRoots, logits, perExampleLoss,
                    labelPlaceholder, denseLayers, numClasses);
        }
    }
}
