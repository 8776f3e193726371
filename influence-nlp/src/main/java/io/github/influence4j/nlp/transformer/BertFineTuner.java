// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a {@link BertClassifier} on sentence pairs with mean cross-entropy (Devlin et al. 2019,
 * section 4): {@link AdamW} per trainable variable, {@link LinearWarmupDecay} learning rates (the
 * encoder's and the head's peaks), dynamic padding per length bucket.
 *
 * <pre>{@code
 * BertClassifier model = BertClassifier.create(weights, 4, 1);   // train the top 2 of 6 layers and the head
 * BertFineTuner.Result r = BertFineTuner.train(model, pairs, labels, FineTuneOptions.defaults());
 * }</pre>
 *
 * @implNote One {@code calculateGradients} call per step for every trainable variable; the loss is
 *     the capture objective with weights {@code 1/B} ({@link io.github.influence4j.samediff.SameDiffCapture#trainingPlaceholders}),
 *     so capture never has to switch the graph's loss. Weight decay applies to matrices only (not
 *     biases, not LayerNorm), as HuggingFace's fine-tuning scripts do. The word, position and type
 *     embedding tables are constants (frozen); frozen lower layers are constants too and get no
 *     gradient. No dropout (the graph is the eval-mode encoder): a difference from BERT's recipe.
 */
public final class BertFineTuner {
    private static final Logger LOG = LoggerFactory.getLogger(BertFineTuner.class);

    /**
     * What a run did.
     *
     * @param steps optimizer steps taken
     * @param epochLoss mean training loss per epoch
     * @param seconds wall-clock seconds
     */
    public record Result(int steps, List<Double> epochLoss, double seconds) {
        /**
         * Copies the list.
         *
         * @param steps see the record
         * @param epochLoss see the record
         * @param seconds see the record
         */
        public Result {
            epochLoss = List.copyOf(epochLoss);
        }
    }

    private BertFineTuner() {
    }

    /**
     * Trains in place.
     *
     * @param model the classifier
     * @param pairs training pairs
     * @param labels their classes, in {@code [0, K)}
     * @param options the recipe
     * @return losses and timing
     */
    public static Result train(BertClassifier model, List<PairEncoding> pairs, int[] labels, FineTuneOptions options) {
        return train(model, PairInputs.ofTokens(pairs), labels, options, (step, epoch, lr) -> { });
    }

    /** Called after every optimizer step (capture, progress). */
    @FunctionalInterface
    public interface StepHook {
        /**
         * @param step optimizer steps done, from 1
         * @param epoch the epoch the step belongs to, from 0
         * @param headLearningRate the head's learning rate of that step
         */
        void stepDone(long step, int epoch, double headLearningRate);
    }

    /**
     * Trains in place on any inputs (token ids, or cached lower-layer states for a
     * {@link BertClassifier#createTop} classifier).
     *
     * @param model the classifier
     * @param inputs training pairs
     * @param labels their classes, in {@code [0, K)}
     * @param options the recipe
     * @param hook called after every step
     * @return losses and timing
     */
    public static Result train(BertClassifier model, PairInputs inputs, int[] labels, FineTuneOptions options,
            StepHook hook) {
        if (inputs.size() != labels.length || inputs.size() == 0) {
            throw new IllegalArgumentException(inputs.size() + " pairs for " + labels.length + " labels");
        }
        model.checkInputs(inputs);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= BertClassifier.CLASSES) {
                throw new IllegalArgumentException("label " + labels[i] + " of pair " + i + " is outside [0, "
                        + BertClassifier.CLASSES + ")");
            }
        }
        SameDiff sd = model.graph();
        List<String> params = model.trainableParameters();
        Map<String, AdamW> opt = new HashMap<>();
        for (String p : params) {
            INDArray a = sd.getArrForVarName(p);
            boolean decays = a.rank() == 2;
            opt.put(p, new AdamW(a.shape(), 0.9, 0.999, 1e-8, decays ? options.weightDecay() : 0.0));
        }
        Random rnd = new Random(options.seed());
        long total = totalSteps(inputs.size(), options);
        int warm = (int) Math.floor(options.warmupFraction() * total);
        LinearWarmupDecay encoderLr = new LinearWarmupDecay(options.learningRate(), warm, (int) total);
        LinearWarmupDecay headLr = new LinearWarmupDecay(options.headLearningRate(), warm, (int) total);
        LOG.info("fine-tuning {} of {} variables on {} pairs: {} epochs x {} steps", params.size(),
                sd.variables().size(), inputs.size(), options.epochs(), total / options.epochs());
        long start = System.nanoTime();
        int step = 0;
        List<Double> epochLoss = new ArrayList<>();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            double sum = 0;
            for (int[] batch : buckets(inputs, options.batchSize(), options.bucketBatches(), rnd)) {
                int[] by = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    by[i] = labels[batch[i]];
                }
                Map<String, INDArray> ph = new HashMap<>(inputs.placeholders(batch, model.config()));
                ph.putAll(model.capture().labelPlaceholder(by));
                ph.putAll(model.capture().trainingPlaceholders(batch.length, 1.0 / batch.length));
                OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(BertClassifier.LOSS), params);
                Map<String, INDArray> grads = og.getGradients();
                double head = headLr.rate(step);
                for (String p : params) {
                    double lr = p.startsWith("fc") ? head : encoderLr.rate(step);
                    opt.get(p).step(sd.getArrForVarName(p), grads.get(p), lr);
                }
                sum += og.getOutputs().get(BertClassifier.LOSS).sumNumber().doubleValue();
                step++;
                hook.stepDone(step, epoch, head);
            }
            epochLoss.add(sum / inputs.size());
            LOG.debug("epoch {}: mean loss {}", epoch, sum / inputs.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("fine-tuned {} steps in {} s", step, String.format("%.1f", seconds));
        return new Result(step, epochLoss, seconds);
    }

    /**
     * @param pairs training pairs
     * @param options the recipe
     * @return the optimizer steps {@link #train} takes
     */
    public static long totalSteps(int pairs, FineTuneOptions options) {
        return (long) ((pairs + options.batchSize() - 1) / options.batchSize()) * options.epochs();
    }

    /**
     * Length-bucketed batches: shuffle, sort groups of {@code bucketBatches * batchSize} pairs by
     * length, cut into batches, shuffle the batches.
     *
     * @param pairs the pairs
     * @param batchSize pairs per batch
     * @param bucketBatches batches per bucket
     * @param rnd the shuffle's randomness
     * @return batches of indices into {@code pairs}; every index exactly once
     */
    static List<int[]> buckets(List<PairEncoding> pairs, int batchSize, int bucketBatches, Random rnd) {
        return buckets(PairInputs.ofTokens(pairs), batchSize, bucketBatches, rnd);
    }

    static List<int[]> buckets(PairInputs pairs, int batchSize, int bucketBatches, Random rnd) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        int bucket = batchSize * bucketBatches;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += bucket) {
            List<Integer> group = new ArrayList<>(order.subList(from, Math.min(order.size(), from + bucket)));
            if (bucketBatches > 1) {
                group.sort(Comparator.comparingInt(pairs::length));
            }
            for (int b = 0; b < group.size(); b += batchSize) {
                batches.add(group.subList(b, Math.min(group.size(), b + batchSize)).stream().mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        Collections.shuffle(batches, rnd);
        return batches;
    }

    /**
     * Classification accuracy.
     *
     * @param model the classifier
     * @param pairs evaluation pairs
     * @param labels their classes
     * @param batchSize pairs per forward pass (sorted by length, so padding is small)
     * @return the fraction of argmax logits equal to the label
     */
    public static double accuracy(BertClassifier model, List<PairEncoding> pairs, int[] labels, int batchSize) {
        return accuracy(model, PairInputs.ofTokens(pairs), labels, batchSize);
    }

    /**
     * Classification accuracy on any inputs.
     *
     * @param model the classifier
     * @param inputs evaluation pairs
     * @param labels their classes
     * @param batchSize pairs per forward pass (sorted by length, so padding is small)
     * @return the fraction of argmax logits equal to the label
     */
    public static double accuracy(BertClassifier model, PairInputs inputs, int[] labels, int batchSize) {
        float[][] z = logits(model, inputs, batchSize);
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            int arg = 0;
            for (int k = 1; k < z[i].length; k++) {
                if (z[i][k] > z[i][arg]) {
                    arg = k;
                }
            }
            if (arg == labels[i]) {
                correct++;
            }
        }
        return (double) correct / inputs.size();
    }

    /**
     * The logits of every pair.
     *
     * @param model the classifier
     * @param inputs the pairs
     * @param batchSize pairs per forward pass (sorted by length)
     * @return {@code [N][K]} logits in the inputs' order
     */
    public static float[][] logits(BertClassifier model, PairInputs inputs, int batchSize) {
        model.checkInputs(inputs);
        Integer[] order = new Integer[inputs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(inputs::length));
        float[][] out = new float[order.length][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] batch = new int[to - from];
            for (int k = from; k < to; k++) {
                batch[k - from] = order[k];
            }
            Map<String, INDArray> ph = inputs.placeholders(batch, model.config());
            INDArray z = model.graph().output(ph, BertClassifier.LOGITS).get(BertClassifier.LOGITS)
                    .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            for (int k = 0; k < batch.length; k++) {
                out[batch[k]] = z.getRow(k).toFloatVector();
            }
        }
        return out;
    }
}
