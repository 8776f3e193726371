// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.cli;

import io.github.influence4j.core.store.ArtifactKind;
import java.util.Set;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.examples.snli.SnliPruneSettings;
import io.github.influence4j.nlp.encoder.SnliEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The full-data SNLI run with capture of {@code snli-prune}: trains on the (possibly noisy) dev
 * pool, captures evenly spaced checkpoints into {@code <dir>/store}, and records what it measured in
 * {@code <dir>/capture.json}. A store without that file is an interrupted capture: it is resumed
 * (the same seed retrains the same model, and committed checkpoints are skipped).
 */
final class SnliCapture {
    static final String FILE = "capture.json";
    static final String STORE = "store";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnliCapture() {
    }

    /**
     * What the captured run measured.
     *
     * @param seed the seed
     * @param testAccuracy test accuracy of the captured model
     * @param trainSecondsPerEpoch training seconds per epoch, capture excluded
     * @param checkpoints checkpoints captured in this session (0 if all were already there)
     * @param captureSeconds seconds spent capturing in this session
     * @param bytesPerCheckpoint payload bytes of a checkpoint
     * @param wallSeconds the session's wall time of the whole step
     */
    record Info(long seed, double testAccuracy, double trainSecondsPerEpoch, int checkpoints, double captureSeconds,
            long bytesPerCheckpoint, double wallSeconds) {
    }

    static Optional<Info> done(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), Info.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Captures (or resumes capturing) the given per-checkpoint kinds and writes {@code capture.json}.
     *
     * @return what was measured
     */
    static Info run(Path dir, SnliModel model, SnliPruneSettings s, Set<ArtifactKind> kinds, Progress progress) {
        long t0 = System.nanoTime();
        Path storeDir = dir.resolve(STORE);
        boolean resume = Files.isRegularFile(storeDir.resolve("manifest.json"));
        long steps = model.steps(model.trainSize(), s.epochs());
        SnliModel.Captured r;
        try (ArtifactWriter w = resume ? ArtifactStores.resume(storeDir) : ArtifactStores.create(storeDir,
                StoreSpec.of("snli-dev-" + s.variantName() + "-seed" + s.captureSeed(), model.trainSize(),
                        SnliEncoder.CLASSES));
                Progress.Bar bar = progress.bar("train+capture", steps, "steps")) {
            r = model.capture(w, CaptureSchedule.evenlySpaced(s.checkpoints()), kinds, s.captureSeed(), s.epochs(), bar);
        }
        double cap = r.captures().stream().mapToDouble(CaptureResult::seconds).sum();
        Info info = new Info(s.captureSeed(), r.testAccuracy(), r.trainSecondsPerEpoch(), r.captures().size(), cap,
                r.bytesPerCheckpoint(), (System.nanoTime() - t0) / 1e9);
        try {
            Path tmp = dir.resolve("." + FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), info);
            Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        return info;
    }

    /** Steps a progress bar after every optimizer step. */
    static final class StepListener extends BaseListener {
        private final Progress.Bar bar;

        StepListener(Progress.Bar bar) {
            this.bar = bar;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
            bar.step();
        }
    }
}
