// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to train the SNLI encoder.
 *
 * <pre>{@code
 * TrainOptions o = TrainOptions.builder().epochs(3).seed(2).build();    // the rest as defaults()
 * TrainOptions pruned = o.toBuilder().subset(keep).build();
 * }</pre>
 *
 * @param epochs passes over the training examples, {@code >= 1}
 * @param batchSize examples per optimizer step, {@code >= 1} (PyTorch reference: 128)
 * @param learningRate Adam step size of the dense parameters (reference: 1e-3)
 * @param embeddingLearningRate Adam step size of the word embeddings; 0 freezes them
 * @param seed seeds initialisation, shuffling and dropout: the same seed gives the same model
 * @param subset the example ids to train on (indices into the training set), or empty for all
 * @param bucketed sort each window of 20 shuffled batches by length before batching, so that
 *     padding (and time) shrinks; the batch order is shuffled again
 */
public record TrainOptions(int epochs, int batchSize, double learningRate, double embeddingLearningRate, long seed,
        Optional<int[]> subset, boolean bucketed) {
    /**
     * Validates the fields.
     *
     * @param epochs passes over the training examples, {@code >= 1}
     * @param batchSize examples per optimizer step, {@code >= 1} (PyTorch reference: 128)
     * @param learningRate Adam step size of the dense parameters (reference: 1e-3)
     * @param embeddingLearningRate Adam step size of the word embeddings; 0 freezes them
     * @param seed seeds initialisation, shuffling and dropout: the same seed gives the same model
     * @param subset the example ids to train on (indices into the training set), or empty for all
     * @param bucketed sort each window of 20 shuffled batches by length before batching, so that
     *     padding (and time) shrinks; the batch order is shuffled again
     */
    public TrainOptions {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be >= 1, were " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || !(embeddingLearningRate >= 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 and embeddingLearningRate >= 0, were "
                    + learningRate + ", " + embeddingLearningRate);
        }
    }

    /** @return 10 epochs, batch 128, Adam 1e-3 for all parameters, seed 1, all examples, bucketed */
    public static TrainOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder b = new Builder().epochs(epochs).batchSize(batchSize).learningRates(learningRate, embeddingLearningRate)
                .seed(seed).bucketed(bucketed);
        subset.ifPresent(b::subset);
        return b;
    }

    /** Configures {@link TrainOptions}; every field starts at its {@link TrainOptions#defaults()} value. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 128;
        private double learningRate = 1e-3;
        private double embeddingLearningRate = 1e-3;
        private long seed = 1;
        private int @Nullable [] subset;
        private boolean bucketed = true;

        private Builder() {
        }

        /**
         * @param e passes over the training examples, {@code >= 1}
         * @return this builder
         */
        public Builder epochs(int e) {
            this.epochs = e;
            return this;
        }

        /**
         * @param b examples per optimizer step, {@code >= 1}
         * @return this builder
         */
        public Builder batchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /**
         * @param lr Adam step size of the dense parameters, {@code > 0}
         * @return this builder
         */
        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /**
         * @param lr Adam step size of the word embeddings, {@code >= 0} (0 freezes them)
         * @return this builder
         */
        public Builder embeddingLearningRate(double lr) {
            this.embeddingLearningRate = lr;
            return this;
        }

        /**
         * @param lr dense learning rate
         * @param embLr embedding learning rate (0 freezes)
         * @return this builder
         */
        public Builder learningRates(double lr, double embLr) {
            return learningRate(lr).embeddingLearningRate(embLr);
        }

        /**
         * @param s seeds initialisation, shuffling and dropout
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param ids training example ids to train on (copied)
         * @return this builder
         */
        public Builder subset(int[] ids) {
            this.subset = ids.clone();
            return this;
        }

        /**
         * @return this builder, training on every example (the default)
         */
        public Builder allExamples() {
            this.subset = null;
            return this;
        }

        /**
         * @param on bucketing by length
         * @return this builder
         */
        public Builder bucketed(boolean on) {
            this.bucketed = on;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the invalid values
         */
        public TrainOptions build() {
            return new TrainOptions(epochs, batchSize, learningRate, embeddingLearningRate, seed,
                    Optional.ofNullable(subset).map(int[]::clone), bucketed);
        }
    }
}
