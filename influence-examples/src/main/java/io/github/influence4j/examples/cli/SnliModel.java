// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.examples.snli.SnliScores;
import io.github.influence4j.nlp.encoder.EncodedPairs;
import io.github.influence4j.nlp.encoder.EncoderConfig;
import io.github.influence4j.nlp.encoder.SnliData;
import io.github.influence4j.nlp.encoder.SnliExperiment;
import io.github.influence4j.nlp.encoder.SnliTrainer;
import io.github.influence4j.nlp.encoder.TrainOptions;
import io.github.influence4j.nlp.transformer.BertFineTuner;
import io.github.influence4j.nlp.transformer.MiniLmExperiment;
import io.github.influence4j.nlp.transformer.MiniLmSnli;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The model {@code snli-prune} trains, captures and retrains: the GloVe CNN ({@code --encoder cnn})
 * or the pretrained all-MiniLM-L6-v2 cross-encoder ({@code --encoder minilm}), each with its own data
 * encoding and recipe, over the same SNLI pool (store example id = position in SNLI dev).
 */
interface SnliModel {
    /** What a captured run measured. */
    record Captured(double testAccuracy, double trainSecondsPerEpoch, List<CaptureResult> captures,
            long bytesPerCheckpoint) {
    }

    /** @return {@code cnn} or {@code minilm} */
    String name();

    /** @return the pool's size */
    int trainSize();

    /** @return the test split's size */
    int testSize();

    /** @return the pool's labels */
    int[] trainLabels();

    /**
     * @param labels noisy labels, one per pool pair
     * @return this model's data with those labels
     */
    SnliModel withTrainLabels(int[] labels);

    /** @return the scores this model can be pruned by, in table order */
    List<String> pruningScores();

    /** @return the examples per capture batch */
    int captureBatch();

    /**
     * Trains on the whole pool with capture.
     *
     * @param writer the store
     * @param schedule when
     * @param kinds what
     * @param seed the seed
     * @param epochs epochs
     * @param bar stepped after every optimizer step
     * @return what was measured
     */
    Captured capture(ArtifactWriter writer, CaptureSchedule schedule, Set<ArtifactKind> kinds, long seed, int epochs,
            Progress.Bar bar);

    /**
     * Trains on some pool pairs and tests.
     *
     * @param keep pool pairs
     * @param seed the seed
     * @param epochs epochs
     * @param bar stepped after every optimizer step
     * @return the test accuracy
     */
    double train(int[] keep, long seed, int epochs, Progress.Bar bar);

    /**
     * @param n training pairs
     * @param epochs epochs
     * @return optimizer steps of a run
     */
    long steps(int n, int epochs);

    /** The GloVe CNN of {@link SnliExperiment}. */
    record Cnn(SnliData data, EncoderConfig config) implements SnliModel {
        @Override
        public String name() {
            return "cnn";
        }

        @Override
        public int trainSize() {
            return data.train().size();
        }

        @Override
        public int testSize() {
            return data.test().size();
        }

        @Override
        public int[] trainLabels() {
            return data.train().labels();
        }

        @Override
        public SnliModel withTrainLabels(int[] labels) {
            EncodedPairs t = data.train().withLabels(labels);
            return new Cnn(new SnliData(data.vectors(), t, data.test()), config);
        }

        @Override
        public List<String> pruningScores() {
            return SnliScores.PRUNING;
        }

        @Override
        public int captureBatch() {
            return CaptureSpec.DEFAULT_BATCH_SIZE;
        }

        @Override
        public Captured capture(ArtifactWriter writer, CaptureSchedule schedule, Set<ArtifactKind> kinds, long seed,
                int epochs, Progress.Bar bar) {
            TrainOptions opts = TrainOptions.builder().epochs(epochs).seed(seed).build();
            SnliExperiment.Result r = SnliExperiment.run(data, config, opts,
                    Optional.of(new SnliExperiment.Capture(writer, schedule, CaptureSpec.of(kinds))),
                    List.of(new SnliCapture.StepListener(bar)));
            return new Captured(r.testAccuracy(), r.trainSecondsPerEpoch(), r.captures(), r.bytesPerCheckpoint());
        }

        @Override
        public double train(int[] keep, long seed, int epochs, Progress.Bar bar) {
            TrainOptions opts = TrainOptions.builder().epochs(epochs).seed(seed).subset(keep).build();
            return SnliExperiment.run(data, config, opts, Optional.empty(), List.of(new SnliCapture.StepListener(bar)))
                    .testAccuracy();
        }

        @Override
        public long steps(int n, int epochs) {
            return (long) SnliTrainer.stepsPerEpoch(n, TrainOptions.builder().build().batchSize()) * epochs;
        }
    }

    /** all-MiniLM-L6-v2 fine-tuned over cached lower layers ({@link MiniLmExperiment}). */
    record MiniLm(MiniLmSnli data, MiniLmExperiment.Options options) implements SnliModel {
        @Override
        public String name() {
            return "minilm";
        }

        @Override
        public int trainSize() {
            return data.train().size();
        }

        @Override
        public int testSize() {
            return data.test().size();
        }

        @Override
        public int[] trainLabels() {
            return data.trainLabels().clone();
        }

        @Override
        public SnliModel withTrainLabels(int[] labels) {
            return new MiniLm(data.withTrainLabels(labels), options);
        }

        @Override
        public List<String> pruningScores() {
            // TracIn-WE reads word-embedding gradients, which a run over cached lower layers does not capture
            return SnliScores.PRUNING.stream().filter(s -> !s.equals(SnliScores.TRACIN_WE_SELF)).toList();
        }

        @Override
        public int captureBatch() {
            return options.evalBatch();
        }

        @Override
        public Captured capture(ArtifactWriter writer, CaptureSchedule schedule, Set<ArtifactKind> kinds, long seed,
                int epochs, Progress.Bar bar) {
            MiniLmExperiment.Result r = MiniLmExperiment.run(data, options(seed, epochs), Optional.empty(),
                    Optional.of(new MiniLmExperiment.Capture(writer, schedule, new CaptureSpec(kinds, options.evalBatch()))),
                    hook(bar));
            String last = r.captures().isEmpty() ? "" : r.captures().get(r.captures().size() - 1).checkpoint().id();
            long bytes = writer.store().checkpoint(last).isEmpty() ? 0 : SnliExperiment.payloadBytes(writer.store(), last);
            return new Captured(r.testAccuracy(), r.trainSecondsPerEpoch(), r.captures(), bytes);
        }

        @Override
        public double train(int[] keep, long seed, int epochs, Progress.Bar bar) {
            return MiniLmExperiment.run(data, options(seed, epochs), Optional.of(keep), Optional.empty(), hook(bar))
                    .testAccuracy();
        }

        private MiniLmExperiment.Options options(long seed, int epochs) {
            MiniLmExperiment.Options o = options.withSeed(seed);
            var f = o.fineTune();
            return new MiniLmExperiment.Options(o.startLayer(), new io.github.influence4j.nlp.transformer.FineTuneOptions(
                    epochs, f.batchSize(), f.learningRate(), f.headLearningRate(), f.weightDecay(), f.warmupFraction(),
                    f.bucketBatches(), seed), o.evalBatch());
        }

        private static BertFineTuner.StepHook hook(Progress.Bar bar) {
            return (step, epoch, lr) -> bar.step();
        }

        @Override
        public long steps(int n, int epochs) {
            return BertFineTuner.totalSteps(n, options.fineTune()) / options.fineTune().epochs() * epochs;
        }
    }
}
