package io.github.influence4j.nlp.encoder;

import java.util.Optional;

/**
 * How to train the SNLI encoder.
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
    /** Validates the fields. */
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
        return new TrainOptions(10, 128, 1e-3, 1e-3, 1, Optional.empty(), true);
    }

    /**
     * @param e epochs
     * @return a copy
     */
    public TrainOptions withEpochs(int e) {
        return new TrainOptions(e, batchSize, learningRate, embeddingLearningRate, seed, subset, bucketed);
    }

    /**
     * @param s seed
     * @return a copy
     */
    public TrainOptions withSeed(long s) {
        return new TrainOptions(epochs, batchSize, learningRate, embeddingLearningRate, s, subset, bucketed);
    }

    /**
     * @param ids training example ids
     * @return a copy training on these examples only
     */
    public TrainOptions withSubset(int[] ids) {
        return new TrainOptions(epochs, batchSize, learningRate, embeddingLearningRate, seed,
                Optional.of(ids.clone()), bucketed);
    }

    /**
     * @param lr dense learning rate
     * @param embLr embedding learning rate (0 freezes)
     * @return a copy
     */
    public TrainOptions withLearningRates(double lr, double embLr) {
        return new TrainOptions(epochs, batchSize, lr, embLr, seed, subset, bucketed);
    }

    /**
     * @param b batch size
     * @return a copy
     */
    public TrainOptions withBatchSize(int b) {
        return new TrainOptions(epochs, b, learningRate, embeddingLearningRate, seed, subset, bucketed);
    }

    /**
     * @param on bucketing
     * @return a copy
     */
    public TrainOptions withBucketed(boolean on) {
        return new TrainOptions(epochs, batchSize, learningRate, embeddingLearningRate, seed, subset, on);
    }
}
