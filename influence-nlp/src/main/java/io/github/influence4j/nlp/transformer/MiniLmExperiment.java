// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.transformer;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.samediff.CaptureSource;
import io.github.influence4j.samediff.EvalBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fine-tuning run of all-MiniLM-L6-v2 on the SNLI pool ({@link MiniLmSnli}), optionally on a
 * subset (a pruned pool) and optionally capturing checkpoints into a store, then evaluated on SNLI
 * test: the transformer counterpart of {@link SnliExperiment}.
 *
 * <pre>{@code
 * MiniLmSnli data = MiniLmSnli.load(MiniLmArtifacts.locate(), cacheDir, 4, 128, 0, n -> { });
 * MiniLmExperiment.Result r = MiniLmExperiment.run(data, MiniLmExperiment.Options.preset(4, 1), Optional.empty(),
 *         Optional.empty(), (s, e, lr) -> { });
 * }</pre>
 *
 * <p>What is captured, per checkpoint, for the classifier of {@link BertClassifier#createTop}: {@code LOGITS},
 * {@code LOSS}, the head's dense-layer inputs and output gradients (TracIn), and {@code INPUT_GRADS}
 * taken at the cached states, the input of the first trained layer (VoG over the representation the
 * trained part of the network reads; with every lower layer frozen, the gradient at the word
 * embeddings is this one pushed through a fixed function). {@code EMBEDDING_GRADS} (TracIn-WE) would
 * need the whole encoder's backward pass per checkpoint and are not captured. Each checkpoint's
 * learning rate is the head's rate at that step (TracIn's layers are the head's). The static
 * artifacts are the labels and the WordPiece ids and token types.
 */
public final class MiniLmExperiment {
    private static final Logger LOG = LoggerFactory.getLogger(MiniLmExperiment.class);

    /** The kinds a run over cached states can capture. */
    public static final Set<ArtifactKind> CAPTURABLE = Set.copyOf(EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LOSS,
            ArtifactKind.INPUT_GRADS, ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS));

    private MiniLmExperiment() {
    }

    /**
     * How to fine-tune.
     *
     * @param startLayer the lowest trained encoder layer (the lower ones are frozen and cached)
     * @param fineTune the optimizer recipe (its seed seeds the head and the shuffles)
     * @param evalBatch pairs per forward pass in evaluation and capture
     */
    public record Options(int startLayer, FineTuneOptions fineTune, int evalBatch) {
        /**
         * Checks the fields.
         *
         * @param startLayer see the record
         * @param fineTune see the record
         * @param evalBatch see the record
         */
        public Options {
            if (startLayer < 1 || evalBatch < 1) {
                throw new IllegalArgumentException("startLayer and evalBatch must be >= 1, got " + startLayer + ", "
                        + evalBatch);
            }
        }

        /**
         * @param epochs passes over the pool
         * @param seed the run's seed
         * @return {@code snli-prune --encoder minilm}'s recipe: layers 4-5 and the head trained, batch
         *     32, AdamW at 1e-4 (encoder) and 1e-3 (head), decay 0.01, 10% warm-up
         */
        public static Options preset(int epochs, long seed) {
            return preset(2, epochs, seed);
        }

        /**
         * @param trainedLayers encoder layers fine-tuned, the top ones, in {@code [0, 6]} (0: the head only)
         * @param epochs passes over the pool
         * @param seed the run's seed
         * @return {@link #preset(int, long)} with another number of trained layers
         */
        public static Options preset(int trainedLayers, int epochs, long seed) {
            if (trainedLayers < 0 || trainedLayers > 5) {
                throw new IllegalArgumentException("trainedLayers must be in [0, 5] (layer 0 reads the frozen embeddings"
                        + " from the cache), got " + trainedLayers);
            }
            return new Options(6 - trainedLayers, new FineTuneOptions(epochs, 32, 1e-4, 1e-3, 0.01, 0.1, 20, seed), 64);
        }

        /**
         * @param seed another seed
         * @return these options with that seed
         */
        public Options withSeed(long seed) {
            FineTuneOptions f = fineTune;
            return new Options(startLayer, new FineTuneOptions(f.epochs(), f.batchSize(), f.learningRate(),
                    f.headLearningRate(), f.weightDecay(), f.warmupFraction(), f.bucketBatches(), seed), evalBatch);
        }
    }

    /**
     * Where and when to capture.
     *
     * @param writer the store (all pool examples)
     * @param schedule when
     * @param spec what, among {@link #CAPTURABLE}
     */
    public record Capture(ArtifactWriter writer, CaptureSchedule schedule, CaptureSpec spec) {
    }

    /**
     * What a run measured.
     *
     * @param seed the seed
     * @param testAccuracy accuracy on the test split
     * @param trainSecondsPerEpoch training seconds per epoch, capture excluded
     * @param captures the checkpoints captured in this run (committed ones were skipped)
     * @param trainingPairs pairs trained on
     * @param model the trained classifier
     */
    public record Result(long seed, double testAccuracy, double trainSecondsPerEpoch, List<CaptureResult> captures,
            int trainingPairs, BertClassifier model) {
    }

    /**
     * Trains, captures as scheduled, evaluates.
     *
     * @param data the pool and test split
     * @param options the recipe
     * @param subset the pool pairs to train on, all when empty
     * @param capture where and when to capture, if at all
     * @param progress called after every step
     * @return the result
     */
    public static Result run(MiniLmSnli data, Options options, Optional<int[]> subset, Optional<Capture> capture,
            BertFineTuner.StepHook progress) {
        if (data.trainStates().startLayer() != options.startLayer()) {
            throw new IllegalArgumentException("the data's states are cached for layer " + data.trainStates().startLayer()
                    + ", the options train from layer " + options.startLayer());
        }
        BertClassifier model = BertClassifier.createTop(data.weights(), options.startLayer(), options.fineTune().seed());
        PairInputs train = subset.map(s -> data.trainStates().subset(s)).orElse(data.trainStates());
        int[] labels = subset.map(s -> Arrays.stream(s).map(i -> data.trainLabels()[i]).toArray())
                .orElse(data.trainLabels());
        List<CaptureResult> caps = new ArrayList<>();
        BertFineTuner.StepHook hook = progress;
        if (capture.isPresent()) {
            Capture c = capture.get();
            Set<ArtifactKind> bad = EnumSet.noneOf(ArtifactKind.class);
            bad.addAll(c.spec().kinds());
            bad.removeAll(CAPTURABLE);
            if (!bad.isEmpty()) {
                throw new IllegalArgumentException("MiniLM over cached states cannot capture " + bad + "; it captures "
                        + CAPTURABLE + " (word-embedding gradients need the whole encoder's backward pass)");
            }
            int n = data.train().size();
            if (c.writer().spec().numExamples() != n) {
                throw new IllegalArgumentException("store '" + c.writer().spec().storeId() + "' holds "
                        + c.writer().spec().numExamples() + " examples; the training pool has " + n);
            }
            if (c.writer().store().staticArtifacts().isEmpty()) {
                writeStatic(c.writer(), data.train(), data.trainLabels());
            }
            long total = BertFineTuner.totalSteps(train.size(), options.fineTune());
            NavigableMap<Long, Set<ArtifactKind>> when = c.schedule().resolve(total,
                    (int) (total / options.fineTune().epochs()), c.spec().kinds());
            CaptureSource source = source(model, data.trainStates(), data.trainLabels(), n);
            hook = (step, epoch, lr) -> {
                progress.stepDone(step, epoch, lr);
                Set<ArtifactKind> kinds = when.get(step);
                if (kinds == null) {
                    return;
                }
                Checkpoint cp = new Checkpoint(String.format("step-%08d", step), step, epoch, lr,
                        options.fineTune().seed());
                if (c.writer().committedCheckpoints().stream().anyMatch(x -> x.id().equals(cp.id()))) {
                    LOG.debug("checkpoint {} already committed; skipped", cp.id());
                    return;
                }
                caps.add(model.capture().capture(c.writer(), cp, source, c.spec().withKinds(kinds)));
            };
        }
        BertFineTuner.Result r = BertFineTuner.train(model, train, labels, options.fineTune(), hook);
        double captureSeconds = caps.stream().mapToDouble(CaptureResult::seconds).sum();
        double perEpoch = (r.seconds() - captureSeconds) / options.fineTune().epochs();
        double acc = BertFineTuner.accuracy(model, data.testStates(), data.testLabels(), options.evalBatch());
        LOG.info("MiniLM from layer {}: {} pairs, test accuracy {}", options.startLayer(), train.size(), acc);
        return new Result(options.fineTune().seed(), acc, perEpoch, caps, train.size(), model);
    }

    /** Eval-mode batches of the whole pool, each range sorted by length to save padding. */
    private static CaptureSource source(BertClassifier model, HiddenStateCache states, int[] labels, int n) {
        return new CaptureSource() {
            @Override
            public int numExamples() {
                return n;
            }

            @Override
            public List<EvalBatch> batches(ExampleRange range, int maxBatchSize) {
                Integer[] ids = IntStream.range(range.from(), range.to()).boxed().toArray(Integer[]::new);
                Arrays.sort(ids, Comparator.comparingInt(states::length));
                List<EvalBatch> out = new ArrayList<>();
                for (int from = 0; from < ids.length; from += maxBatchSize) {
                    int to = Math.min(ids.length, from + maxBatchSize);
                    int[] b = new int[to - from];
                    int[] y = new int[b.length];
                    for (int k = 0; k < b.length; k++) {
                        b[k] = ids[from + k];
                        y[k] = labels[b[k]];
                    }
                    out.add(model.evalBatch(b, states, b, y));
                }
                return out;
            }
        };
    }

    /**
     * Writes the static artifacts: {@code LABELS}, and {@code TOKEN_IDS} / {@code SEGMENT_IDS} (WordPiece
     * ids and token types, ragged, special tokens included, the positions {@code INPUT_GRADS} has).
     *
     * @param writer the store
     * @param pairs the pool's encodings
     * @param labels the pool's (possibly noisy) labels
     */
    public static void writeStatic(ArtifactWriter writer, List<PairEncoding> pairs, int[] labels) {
        writer.write(ArtifactKey.of(ArtifactKind.LABELS), 0, Nd4j.createFromArray(labels));
        int total = pairs.stream().mapToInt(PairEncoding::length).sum();
        int[] lengths = new int[pairs.size()];
        int[] tok = new int[total];
        int[] seg = new int[total];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            PairEncoding p = pairs.get(i);
            lengths[i] = p.length();
            System.arraycopy(p.ids(), 0, tok, at, p.length());
            System.arraycopy(p.typeIds(), 0, seg, at, p.length());
            at += p.length();
        }
        writer.writeRagged(ArtifactKey.of(ArtifactKind.TOKEN_IDS), 0, Nd4j.createFromArray(tok), lengths);
        writer.writeRagged(ArtifactKey.of(ArtifactKind.SEGMENT_IDS), 0, Nd4j.createFromArray(seg), lengths);
    }
}
