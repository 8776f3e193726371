// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import org.jspecify.annotations.Nullable;

/** One group's per-example gradients over a range of examples at one checkpoint, in doubles. */
sealed interface GroupBlock {
    /** @return the number of examples */
    int size();

    /**
     * Factored dense layer: inputs a {@code [n x in]} and output gradients d {@code [n x out]},
     * row-major.
     */
    record Factored(int size, double[] a, int in, double[] d, int out, boolean bias) implements GroupBlock {
    }

    /** Dense gradient rows {@code [n x width]} (PARAM_GRADS or PROJECTED_GRADS). */
    record Dense(int size, double[] g, int width) implements GroupBlock {
    }

    /** Sparse per-token embedding gradients; the inverted index is built on first use. */
    final class Embedding implements GroupBlock {
        private final EmbeddingGradients gradients;
        private @Nullable TokenIndex index;

        Embedding(EmbeddingGradients gradients) {
            this.gradients = gradients;
        }

        @Override
        public int size() {
            return gradients.size();
        }

        EmbeddingGradients gradients() {
            return gradients;
        }

        synchronized TokenIndex index() {
            TokenIndex i = index;
            if (i == null) {
                i = TokenIndex.of(gradients);
                index = i;
            }
            return i;
        }
    }
}
