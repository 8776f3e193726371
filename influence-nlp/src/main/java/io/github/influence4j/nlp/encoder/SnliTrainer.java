// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SnliEncoder} with Adam on mean cross-entropy (docs/DESIGN.md section 6.2).
 *
 * <pre>{@code
 * SnliEncoder enc = SnliEncoder.create(glove.initialMatrix(new Random(1), 0.1f), vocab.size(), EncoderConfig.defaults(), 1);
 * TrainingRun run = SnliTrainer.train(enc, trainPairs, TrainOptions.defaults(), List.of(captureListener));
 * double acc = enc.accuracy(testPairs);
 * }</pre>
 *
 * @implNote One {@code calculateGradients} call per step gives the gradients of every trainable
 *     variable and of the lookup output; dense parameters are updated with one ND4J {@link Adam}
 *     updater each, the embedding with {@link EmbeddingAdam}. The loss is SameDiffCapture's
 *     objective with weights {@code 1/B}: the mean loss. Listeners are called as
 *     {@code SameDiff.fit} would call them ({@code iterationDone} after each update with the
 *     0-based iteration count, {@code epochEnd} after each epoch), so the same capture listener
 *     works in both. Shuffling and dropout come from one {@code Random(seed)}.
 */
public final class SnliTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SnliTrainer.class);

    private SnliTrainer() {
    }

    /**
     * @param n training examples
     * @param batchSize examples per step
     * @return optimizer steps per epoch, {@code ceil(n / batchSize)}
     */
    public static int stepsPerEpoch(int n, int batchSize) {
        return (n + batchSize - 1) / batchSize;
    }

    /**
     * Trains the encoder in place.
     *
     * @param encoder a freshly created (or partly trained) encoder
     * @param data all training examples; {@link TrainOptions#subset()} selects among them
     * @param options epochs, batch size, learning rates, seed
     * @param listeners called after every step and epoch (for example a capture listener)
     * @return timings and losses per epoch
     */
    public static TrainingRun train(SnliEncoder encoder, EncodedPairs data, TrainOptions options,
            List<? extends Listener> listeners) {
        return train(encoder, data, options, listeners, EpochExamples.ALL);
    }

    /**
     * Trains the encoder in place, asking before each epoch which examples it trains on (dynamic
     * pruning). With {@link EpochExamples#ALL} it is {@link #train(SnliEncoder, EncodedPairs,
     * TrainOptions, List)}, bit for bit.
     *
     * @param encoder a freshly created (or partly trained) encoder
     * @param data all training examples; {@link TrainOptions#subset()} selects the pool among them
     * @param options epochs, batch size, learning rates, seed
     * @param listeners called after every step and epoch (for example a capture listener)
     * @param perEpoch the examples of each epoch, from the pool
     * @return timings and losses per epoch
     */
    public static TrainingRun train(SnliEncoder encoder, EncodedPairs data, TrainOptions options,
            List<? extends Listener> listeners, EpochExamples perEpoch) {
        int[] pool = options.subset().map(int[]::clone).orElseGet(() -> java.util.stream.IntStream.range(0,
                data.size()).toArray());
        if (pool.length == 0) {
            throw new IllegalArgumentException("training subset is empty");
        }
        SameDiff sd = encoder.graph();
        Random rng = new Random(options.seed());
        Map<String, GradientUpdater<?>> updaters = new HashMap<>();
        for (String p : encoder.parameters()) {
            INDArray arr = sd.getVariable(p).getArr();
            Adam adam = new Adam(options.learningRate());
            INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(arr.length()));
            GradientUpdater<?> u = adam.instantiate(state, true);
            u.setStateViewArray(state, arr.shape(), arr.ordering(), true);
            updaters.put(p, u);
        }
        boolean trainEmbedding = options.embeddingLearningRate() > 0;
        EmbeddingAdam embAdam = trainEmbedding ? new EmbeddingAdam(encoder.embedding(), options.embeddingLearningRate())
                : null;
        List<String> gradNames = new ArrayList<>(encoder.parameters());
        if (trainEmbedding) {
            gradNames.add(SnliEncoder.LOOKUP);
        }
        int iteration = 0;
        List<TrainingRun.Epoch> epochs = new ArrayList<>();
        LOG.info("training on {} examples: {} epochs, batch {}, lr {}, embedding lr {}, seed {}", pool.length,
                options.epochs(), options.batchSize(), options.learningRate(), options.embeddingLearningRate(),
                options.seed());
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            long start = System.nanoTime();
            At at0 = At.builder().epoch(epoch).iteration(iteration).operation(Operation.TRAINING).build();
            for (Listener l : listeners) {
                l.epochStart(sd, at0);
            }
            double lossSum = 0;
            int[] epochPool = perEpoch == EpochExamples.ALL ? pool : perEpoch.examples(epoch, pool.clone());
            if (epochPool.length == 0) {
                throw new IllegalStateException("epoch " + epoch + ": no example left to train on");
            }
            List<int[]> batches = batches(epochPool, data, options, rng);
            for (int[] batch : batches) {
                Map<String, INDArray> ph = encoder.placeholders(data, batch, rng);
                ph.remove(SnliEncoder.LABELS);
                ph.putAll(encoder.capture().labelPlaceholder(labelsOf(data, batch)));
                ph.putAll(encoder.capture().trainingPlaceholders(batch.length, 1.0 / batch.length));
                Map<String, INDArray> grads = sd.calculateGradients(ph, gradNames);
                for (String p : encoder.parameters()) {
                    INDArray g = grads.get(p);
                    updaters.get(p).applyUpdater(g, iteration, epoch);
                    sd.getVariable(p).getArr().subi(g);
                }
                if (embAdam != null) {
                    embAdam.step(grads.get(SnliEncoder.LOOKUP), ph.get(SnliEncoder.IDS), iteration, epoch);
                }
                At at = At.builder().epoch(epoch).iteration(iteration).operation(Operation.TRAINING).build();
                iteration++;
                for (Listener l : listeners) {
                    l.iterationDone(sd, at, null, null);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            epochs.add(new TrainingRun.Epoch(epoch, batches.size(), seconds));
            if (epochPool.length != pool.length) {
                LOG.info("epoch {}: trained on {} of {} examples", epoch, epochPool.length, pool.length);
            }
            LOG.info("epoch {}: {} steps in {} s", epoch, batches.size(), String.format("%.2f", seconds));
            At at1 = At.builder().epoch(epoch).iteration(iteration).operation(Operation.TRAINING).build();
            for (Listener l : listeners) {
                l.epochEnd(sd, at1, null, 0);
            }
        }
        return new TrainingRun(epochs, iteration);
    }

    private static int[] labelsOf(EncodedPairs data, int[] batch) {
        int[] y = new int[batch.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(batch[i]);
        }
        return y;
    }

    /**
     * The batches of one epoch: a seeded shuffle, optionally length-bucketed.
     *
     * @param pool example ids
     * @param data the examples (for lengths)
     * @param options batch size and bucketing
     * @param rng the run's random source
     * @return batches of example ids
     */
    static List<int[]> batches(int[] pool, EncodedPairs data, TrainOptions options, Random rng) {
        int[] order = pool.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int b = options.batchSize();
        List<int[]> out = new ArrayList<>();
        if (options.bucketed()) {
            int window = 20 * b;
            for (int from = 0; from < order.length; from += window) {
                Integer[] w = Arrays.stream(Arrays.copyOfRange(order, from, Math.min(order.length, from + window)))
                        .boxed().toArray(Integer[]::new);
                Arrays.sort(w, (x, y) -> Integer.compare(maxLen(data, x), maxLen(data, y)));
                for (int s = 0; s < w.length; s += b) {
                    out.add(Arrays.stream(w, s, Math.min(w.length, s + b)).mapToInt(Integer::intValue).toArray());
                }
            }
            java.util.Collections.shuffle(out, rng);
        } else {
            for (int s = 0; s < order.length; s += b) {
                out.add(Arrays.copyOfRange(order, s, Math.min(order.length, s + b)));
            }
        }
        return out;
    }

    private static int maxLen(EncodedPairs data, int i) {
        return data.length(i);
    }
}
