// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.encoder;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.LearningRateSource;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.samediff.SameDiffCapture;
import io.github.influence4j.samediff.SameDiffCaptureListener;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * One SNLI run of the protocol of docs/DESIGN.md section 6: train on the dev pool (or a subset of it)
 * with optional capture, then evaluate on the test split.
 *
 * <pre>{@code
 * SnliData data = SnliData.bundled(64);
 * ArtifactWriter w = MemoryStores.create(StoreSpec.of("snli-dev", data.train().size(), 3));
 * SnliExperiment.Result r = SnliExperiment.run(data, EncoderConfig.defaults(), TrainOptions.defaults(),
 *         Optional.of(SnliExperiment.Capture.of(w, CaptureSchedule.evenlySpaced(10))));
 * }</pre>
 */
public final class SnliExperiment {
    private SnliExperiment() {
    }

    /**
     * What a run captures, when, and where.
     *
     * @param writer where to capture; the static artifacts ({@code LABELS}, {@code TOKEN_IDS},
     *     {@code SEGMENT_IDS}) are written first unless it already holds them
     * @param schedule when to capture
     * @param spec which kinds (among {@link SameDiffCapture#ALL_KINDS}) and the capture batch size
     * @param atEpochEnds capture at the end of every epoch instead of on the schedule's steps (for
     *     epochs of varying length: dynamic pruning)
     */
    public record Capture(ArtifactWriter writer, CaptureSchedule schedule, CaptureSpec spec, boolean atEpochEnds) {
        /**
         * Checks for nulls.
         *
         * @param writer where to capture; the static artifacts ({@code LABELS}, {@code TOKEN_IDS},
         *     {@code SEGMENT_IDS}) are written first unless it already holds them
         * @param schedule when to capture
         * @param spec which kinds (among {@link SameDiffCapture#ALL_KINDS}) and the capture batch size
         * @param atEpochEnds capture at every epoch end instead of on the schedule's steps
         */
        public Capture {
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(spec, "spec");
        }

        /**
         * Captures on the schedule's steps.
         *
         * @param writer where to capture
         * @param schedule when to capture
         * @param spec which kinds and the capture batch size
         */
        public Capture(ArtifactWriter writer, CaptureSchedule schedule, CaptureSpec spec) {
            this(writer, schedule, spec, false);
        }

        /**
         * @param writer where to capture (for example {@code StreamingScores.writer()})
         * @param spec which kinds and the capture batch size
         * @return a capture at the end of every epoch, checkpoint ids {@code epoch-0000}, ...
         */
        public static Capture atEveryEpochEnd(ArtifactWriter writer, CaptureSpec spec) {
            return new Capture(writer, CaptureSchedule.everyEpochs(1), spec, true);
        }

        /**
         * @param writer where to capture
         * @param schedule when
         * @return every kind of {@link SameDiffCapture#ALL_KINDS}, in batches of
         *     {@value CaptureSpec#DEFAULT_BATCH_SIZE}
         */
        public static Capture of(ArtifactWriter writer, CaptureSchedule schedule) {
            return new Capture(writer, schedule, CaptureSpec.of(SameDiffCapture.ALL_KINDS));
        }
    }

    /**
     * What a run measured.
     *
     * @param seed the seed
     * @param testAccuracy accuracy on the test split
     * @param trainSecondsPerEpoch mean training seconds per epoch, capture time excluded
     * @param captures the checkpoints captured
     * @param bytesPerCheckpoint payload bytes of the last captured checkpoint (values plus int64
     *     ragged offsets, as the file store writes them, without .npy headers); 0 without capture
     * @param encoder the trained encoder
     */
    public record Result(long seed, double testAccuracy, double trainSecondsPerEpoch, List<CaptureResult> captures,
            long bytesPerCheckpoint, SnliEncoder encoder) {
        /** @return a one-line summary */
        public String summary() {
            double cap = captures.stream().mapToDouble(CaptureResult::seconds).sum();
            return String.format("seed %d: test accuracy %.2f%%, %.2f s/epoch (training only), %d checkpoints"
                    + " captured in %.1f s (%.1f s each), %.1f MB per checkpoint", seed, 100 * testAccuracy,
                    trainSecondsPerEpoch, captures.size(), cap, captures.isEmpty() ? 0 : cap / captures.size(),
                    bytesPerCheckpoint / 1e6);
        }
    }

    /**
     * Runs on the bundled data; {@code checkpoints > 0} captures that many evenly spaced
     * checkpoints of every kind into a memory store, or the file store at {@code storeDir}.
     *
     * @param config architecture
     * @param options training options
     * @param checkpoints evenly spaced checkpoints to capture, 0 for none
     * @param storeDir a file store directory, or empty for memory
     * @return the result
     */
    public static Result run(EncoderConfig config, TrainOptions options, int checkpoints, Optional<Path> storeDir) {
        return run(config, options, checkpoints == 0 ? Optional.empty()
                : Optional.of(CaptureSchedule.evenlySpaced(checkpoints)), storeDir);
    }

    /**
     * Runs on the bundled data with an optional capture schedule (every kind), into a memory store
     * or the file store at {@code storeDir}.
     *
     * @param config architecture
     * @param options training options
     * @param schedule when to capture, if at all
     * @param storeDir a file store directory, or empty for memory
     * @return the result
     */
    public static Result run(EncoderConfig config, TrainOptions options, Optional<CaptureSchedule> schedule,
            Optional<Path> storeDir) {
        SnliData data = SnliData.bundled(config.maxTokens());
        if (schedule.isEmpty()) {
            return run(data, config, options, Optional.empty());
        }
        StoreSpec spec = StoreSpec.of("snli-dev-seed" + options.seed(), data.train().size(), SnliEncoder.CLASSES);
        ArtifactWriter w = storeDir.map(d -> ArtifactStores.create(d, spec)).orElseGet(() -> MemoryStores.create(spec));
        try (w) {
            return run(data, config, options, Optional.of(Capture.of(w, schedule.get())));
        }
    }

    /**
     * @param data the data
     * @param config architecture
     * @param options training options
     * @param capture what to capture, when and where, if at all
     * @return the result
     */
    public static Result run(SnliData data, EncoderConfig config, TrainOptions options, Optional<Capture> capture) {
        return run(data, config, options, capture, List.of());
    }

    /**
     * As {@link #run(SnliData, EncoderConfig, TrainOptions, Optional)}, with more training
     * listeners (for example a progress bar), called after the capture listener. A writer resumed
     * with {@code ArtifactStores.resume} whose static artifacts are committed keeps them, and its
     * committed checkpoints are skipped (the same seed retrains the same model).
     *
     * @param data the data
     * @param config architecture
     * @param options training options
     * @param capture what to capture, when and where, if at all
     * @param extraListeners further training listeners
     * @return the result
     */
    public static Result run(SnliData data, EncoderConfig config, TrainOptions options, Optional<Capture> capture,
            List<? extends org.nd4j.autodiff.listeners.Listener> extraListeners) {
        return run(data, config, options, capture, extraListeners, EpochExamples.ALL);
    }

    /**
     * Trains with capture, extra listeners and a choice of examples per epoch (dynamic pruning).
     *
     * @param data the training and test examples and the word vectors
     * @param config the encoder's shape
     * @param options epochs, batch size, learning rates, seed, subset
     * @param capture where and when to capture, if at all
     * @param extraListeners more listeners (progress, for example)
     * @param perEpoch which examples each epoch trains on
     * @return the test accuracy, timings and captures
     */
    public static Result run(SnliData data, EncoderConfig config, TrainOptions options, Optional<Capture> capture,
            List<? extends org.nd4j.autodiff.listeners.Listener> extraListeners, EpochExamples perEpoch) {
        SnliEncoder enc = SnliEncoder.create(data.vectors().initialMatrix(new Random(options.seed()), 0.1f),
                data.vectors().vocabulary().size(), config, options.seed());
        List<org.nd4j.autodiff.listeners.Listener> listeners = new java.util.ArrayList<>();
        @Nullable SameDiffCaptureListener captureListener = null;
        if (capture.isPresent()) {
            ArtifactWriter w = capture.get().writer();
            if (w.spec().numExamples() != data.train().size()) {
                throw new IllegalArgumentException("store '" + w.spec().storeId() + "' holds " + w.spec().numExamples()
                        + " examples; the training pool has " + data.train().size());
            }
            if (w.store().staticArtifacts().isEmpty()) {
                SnliData.writeStatic(w, data.train());
            }
            int n = options.subset().map(s -> s.length).orElse(data.train().size());
            int spe = SnliTrainer.stepsPerEpoch(n, options.batchSize());
            SameDiffCaptureListener.Builder b = SameDiffCaptureListener.builder(enc.capture(), w,
                    enc.captureSource(data.train()))
                    .schedule(capture.get().schedule())
                    .spec(capture.get().spec())
                    .runLength((long) spe * options.epochs(), spe)
                    .seed(options.seed())
                    .learningRate(LearningRateSource.constant(options.learningRate()));
            captureListener = (capture.get().atEpochEnds() ? b.atEpochEnds() : b).build();
            listeners.add(captureListener);
        }
        listeners.addAll(extraListeners);
        TrainingRun run = SnliTrainer.train(enc, data.train(), options, listeners, perEpoch);
        List<CaptureResult> caps = captureListener != null ? captureListener.results() : List.of();
        double captureSeconds = caps.stream().mapToDouble(CaptureResult::seconds).sum();
        // captures at epoch ends run after the epoch's clock stopped; captures on steps ran inside it
        double inEpochs = capture.isPresent() && capture.get().atEpochEnds() ? 0 : captureSeconds;
        double trainPerEpoch = (run.epochs().stream().mapToDouble(TrainingRun.Epoch::seconds).sum() - inEpochs)
                / run.epochs().size();
        String last = caps.isEmpty() ? "" : caps.get(caps.size() - 1).checkpoint().id();
        @Nullable TrainingArtifactStore kept = capture.isEmpty() ? null : capture.get().writer().store();
        // a streaming writer keeps no checkpoint: nothing is stored per checkpoint
        long bytes = kept == null || kept.checkpoint(last).isEmpty() ? 0 : payloadBytes(kept, last);
        return new Result(options.seed(), enc.accuracy(data.test()), trainPerEpoch, caps, bytes, enc);
    }

    /**
     * @param store a store
     * @param checkpointId one of its checkpoints
     * @return the bytes of its artifacts' values plus int64 offsets of the ragged ones
     */
    public static long payloadBytes(TrainingArtifactStore store, String checkpointId) {
        long total = 0;
        ExampleRange all = ExampleRange.of(0, store.numExamples());
        for (ArtifactKey k : store.artifacts(checkpointId).keySet()) {
            try (ArtifactChunk c = store.read(checkpointId, k, all)) {
                total += c.values().length() * c.values().dataType().width();
                if (k.kind().isRagged()) {
                    total += 8L * (c.size() + 1);
                }
            }
        }
        return total;
    }
}
