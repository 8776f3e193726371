package io.github.influence4j.nlp.encoder;

import io.github.influence4j.core.capture.CaptureListener;
import io.github.influence4j.core.capture.CapturePlan;
import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.LearningRateSource;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.core.store.memory.MemoryStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One SNLI run of the protocol of DESIGN.md section 6: train on the dev pool (or a subset of it)
 * with optional capture, then evaluate on the test split.
 *
 * <pre>{@code
 * SnliData data = SnliData.bundled(64);
 * ArtifactWriter w = MemoryStores.create(StoreSpec.of("snli-dev", data.train().size(), 3));
 * SnliExperiment.Result r = SnliExperiment.run(data, EncoderConfig.defaults(), TrainOptions.defaults(),
 *         Optional.of(CapturePlan.evenlySpaced(10)), Optional.of(w));
 * }</pre>
 */
public final class SnliExperiment {
    private SnliExperiment() {
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
                : Optional.of(CapturePlan.evenlySpaced(checkpoints)), storeDir);
    }

    /**
     * Runs on the bundled data with an optional capture plan, into a memory store or the file store
     * at {@code storeDir}.
     *
     * @param config architecture
     * @param options training options
     * @param plan what to capture, if anything
     * @param storeDir a file store directory, or empty for memory
     * @return the result
     */
    public static Result run(EncoderConfig config, TrainOptions options, Optional<CapturePlan> plan,
            Optional<Path> storeDir) {
        SnliData data = SnliData.bundled(config.maxTokens());
        if (plan.isEmpty()) {
            return run(data, config, options, Optional.empty(), Optional.empty());
        }
        StoreSpec spec = StoreSpec.of("snli-dev-seed" + options.seed(), data.train().size(), SnliEncoder.CLASSES);
        ArtifactWriter w = storeDir.map(d -> ArtifactStores.create(d, spec)).orElseGet(() -> MemoryStores.create(spec));
        try (w) {
            return run(data, config, options, plan, Optional.of(w));
        }
    }

    /**
     * @param data the data
     * @param config architecture
     * @param options training options
     * @param plan what to capture, if anything
     * @param writer where to capture (static artifacts are written first); required with a plan
     * @return the result
     */
    public static Result run(SnliData data, EncoderConfig config, TrainOptions options, Optional<CapturePlan> plan,
            Optional<ArtifactWriter> writer) {
        return run(data, config, options, plan, writer, List.of());
    }

    /**
     * As {@link #run(SnliData, EncoderConfig, TrainOptions, Optional, Optional)}, with more training
     * listeners (for example a progress bar), called after the capture listener. A writer resumed
     * with {@code ArtifactStores.resume} whose static artifacts are committed keeps them, and its
     * committed checkpoints are skipped (the same seed retrains the same model).
     *
     * @param data the data
     * @param config architecture
     * @param options training options
     * @param plan what to capture, if anything
     * @param writer where to capture; required with a plan
     * @param extraListeners further training listeners
     * @return the result
     */
    public static Result run(SnliData data, EncoderConfig config, TrainOptions options, Optional<CapturePlan> plan,
            Optional<ArtifactWriter> writer, List<? extends org.nd4j.autodiff.listeners.Listener> extraListeners) {
        SnliEncoder enc = SnliEncoder.create(data.vectors().initialMatrix(new Random(options.seed()), 0.1f),
                data.vectors().vocabulary().size(), config, options.seed());
        List<org.nd4j.autodiff.listeners.Listener> listeners = new java.util.ArrayList<>();
        if (plan.isPresent()) {
            ArtifactWriter w = writer.orElseThrow(() -> new IllegalArgumentException("a capture plan needs a writer"));
            if (w.spec().numExamples() != data.train().size()) {
                throw new IllegalArgumentException("store '" + w.spec().storeId() + "' holds " + w.spec().numExamples()
                        + " examples; the training pool has " + data.train().size());
            }
            if (w.store().staticArtifacts().isEmpty()) {
                SnliData.writeStatic(w, data.train());
            }
            int n = options.subset().map(s -> s.length).orElse(data.train().size());
            int spe = SnliTrainer.stepsPerEpoch(n, options.batchSize());
            listeners.add(new CaptureListener(enc.capture(), w, enc.captureSource(data.train()), plan.get(),
                    (long) spe * options.epochs(), spe, options.seed(),
                    LearningRateSource.constant(options.learningRate())));
        }
        boolean capturing = !listeners.isEmpty();
        listeners.addAll(extraListeners);
        TrainingRun run = SnliTrainer.train(enc, data.train(), options, listeners);
        List<CaptureResult> caps = capturing ? ((CaptureListener) listeners.get(0)).results() : List.of();
        double captureSeconds = caps.stream().mapToDouble(CaptureResult::seconds).sum();
        double trainPerEpoch = (run.epochs().stream().mapToDouble(TrainingRun.Epoch::seconds).sum() - captureSeconds)
                / run.epochs().size();
        long bytes = caps.isEmpty() ? 0 : payloadBytes(writer.orElseThrow().store(), caps.get(caps.size() - 1)
                .checkpoint().id());
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
