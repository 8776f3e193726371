// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import java.util.List;

/** One parameter group of a TracIn score and the artifacts that give its per-example gradient. */
sealed interface GradientGroup {
    /** @return the artifacts read at each checkpoint */
    List<ArtifactKey> keys();

    /** @return the name recorded in provenance */
    String label();

    /** A dense layer in factored form: dL/dW = delta a^T, dL/db = delta. */
    record Factored(String layer, boolean bias) implements GradientGroup {
        @Override
        public List<ArtifactKey> keys() {
            return List.of(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layer),
                    ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layer));
        }

        @Override
        public String label() {
            return bias ? layer : layer + "(weight only)";
        }
    }

    /** A dense per-example gradient, {@code PARAM_GRADS.layer}. */
    record Dense(String layer) implements GradientGroup {
        @Override
        public List<ArtifactKey> keys() {
            return List.of(ArtifactKey.of(ArtifactKind.PARAM_GRADS, layer));
        }

        @Override
        public String label() {
            return layer;
        }
    }

    /** The seeded random projection {@code PROJECTED_GRADS}. */
    record Projected() implements GradientGroup {
        @Override
        public List<ArtifactKey> keys() {
            return List.of(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS));
        }

        @Override
        public String label() {
            return TracInOptions.PROJECTED;
        }
    }

    /** The word embeddings, sparse: {@code EMBEDDING_GRADS} with the static {@code TOKEN_IDS}. */
    record Embedding(int topK) implements GradientGroup {
        @Override
        public List<ArtifactKey> keys() {
            return List.of(ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS));
        }

        @Override
        public String label() {
            return topK == 0 ? TracInOptions.EMBEDDINGS : TracInOptions.EMBEDDINGS + "(top-" + topK + ")";
        }
    }
}
