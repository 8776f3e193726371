// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

/**
 * How {@link BertFineTuner} fine-tunes a {@link BertClassifier}.
 *
 * @param epochs passes over the training pairs
 * @param batchSize pairs per optimizer step
 * @param learningRate AdamW's peak rate for the encoder (BERT: 2e-5 to 5e-5)
 * @param headLearningRate AdamW's peak rate for the freshly initialised head
 * @param weightDecay AdamW's decoupled decay for weight matrices (biases and LayerNorm: none)
 * @param warmupFraction the fraction of all steps spent warming up linearly
 * @param bucketBatches batches per length bucket: each epoch shuffles the pairs, sorts groups of
 *     {@code bucketBatches * batchSize} by length and cuts them into batches (dynamic padding), then
 *     shuffles the batches; 1 means no sorting
 * @param seed seeds the shuffles
 */
public record FineTuneOptions(int epochs, int batchSize, double learningRate, double headLearningRate,
        double weightDecay, double warmupFraction, int bucketBatches, long seed) {
    /**
     * Checks the fields.
     *
     * @param epochs see the record
     * @param batchSize see the record
     * @param learningRate see the record
     * @param headLearningRate see the record
     * @param weightDecay see the record
     * @param warmupFraction see the record
     * @param bucketBatches see the record
     * @param seed see the record
     */
    public FineTuneOptions {
        if (epochs < 1 || batchSize < 1 || bucketBatches < 1) {
            throw new IllegalArgumentException("epochs, batchSize and bucketBatches must be >= 1; got " + epochs + ", "
                    + batchSize + ", " + bucketBatches);
        }
        if (!(learningRate > 0) || !(headLearningRate > 0) || weightDecay < 0 || warmupFraction < 0
                || warmupFraction >= 1) {
            throw new IllegalArgumentException("learning rates must be > 0, weightDecay >= 0, warmupFraction in"
                    + " [0, 1); got " + learningRate + ", " + headLearningRate + ", " + weightDecay + ", " + warmupFraction);
        }
    }

    /** @return 3 epochs, batch 32, rates 3e-5 (encoder) and 1e-3 (head), decay 0.01, 10% warm-up, buckets of 20 batches, seed 1 */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(3, 32, 3e-5, 1e-3, 0.01, 0.1, 20, 1);
    }
}
