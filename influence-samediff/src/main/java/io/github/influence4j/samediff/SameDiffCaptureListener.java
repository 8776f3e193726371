// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.samediff;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.capture.CaptureSpec;
import io.github.influence4j.core.capture.LearningRateSource;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SameDiff training listener that captures checkpoints on the steps of a {@link CaptureSchedule}:
 * after the update of iteration i (0-based), step {@code i + 1} is looked up in the schedule
 * resolved for the run and, if present, {@link SameDiffCapture#capture} runs over the whole capture
 * source.
 *
 * <pre>{@code
 * SameDiffCaptureListener l = SameDiffCaptureListener.builder(capture, writer, source)
 *         .schedule(CaptureSchedule.evenlySpaced(10))
 *         .runLength(totalSteps, stepsPerEpoch)
 *         .seed(seed)
 *         .build();                      // every kind, batches of 256, eta from the TrainingConfig
 * sd.fit(trainIterator, epochs, l);
 * }</pre>
 *
 * <p>Each checkpoint records its step, the epoch in progress, the learning rate in force (eta_c of
 * TracIn, Pruthi et al. 2020, Eq. 1) and the run's seed; its id is {@code step-00000123}.
 * Checkpoints the writer has already committed are skipped, and an interrupted one is resumed
 * where it stopped (with a writer from {@code ArtifactStores.resume}).
 *
 * @implNote Capture runs inside the training loop, between two updates, on the current weights;
 *     it changes no parameter. Exceptions propagate and stop training: a failed capture must not
 *     go unnoticed. An epoch end of the schedule is the step {@code (e + 1) x stepsPerEpoch}; where
 *     epochs differ in length (dynamic pruning trains on fewer examples in some epochs), {@link
 *     Builder#atEpochEnds()} captures in {@code epochEnd} instead, with checkpoint ids
 *     {@code epoch-0000}, ... as DL4J capture names them.
 */
public final class SameDiffCaptureListener extends BaseListener {
    private static final Logger LOG = LoggerFactory.getLogger(SameDiffCaptureListener.class);

    private final SameDiffCapture capture;
    private final ArtifactWriter writer;
    private final CaptureSource source;
    private final CaptureSpec spec;
    private final NavigableMap<Long, Set<ArtifactKind>> steps;
    private final long seed;
    private final LearningRateSource learningRate;
    private final List<CaptureResult> results = Collections.synchronizedList(new ArrayList<>());
    private final boolean epochEnds;
    private volatile long stepsDone;

    private SameDiffCaptureListener(Builder b, long totalSteps, int stepsPerEpoch, LearningRateSource learningRate) {
        this.capture = b.capture;
        this.writer = b.writer;
        this.source = b.source;
        this.spec = b.spec;
        this.epochEnds = b.epochEnds;
        this.steps = epochEnds ? new java.util.TreeMap<>() : b.schedule.resolve(totalSteps, stepsPerEpoch, spec.kinds());
        this.seed = b.seed;
        this.learningRate = learningRate;
    }

    /**
     * @param capture the capture bound to the trained graph
     * @param writer where checkpoints go
     * @param source eval-mode batches of every store example
     * @return a builder; the run length is required, the default schedule captures at the end of
     *     every epoch, the default spec every kind of {@link SameDiffCapture#ALL_KINDS} in batches of
     *     {@value CaptureSpec#DEFAULT_BATCH_SIZE}
     */
    public static Builder builder(SameDiffCapture capture, ArtifactWriter writer, CaptureSource source) {
        return new Builder(capture, writer, source);
    }

    /** @return the resolved schedule: step to kinds */
    public NavigableMap<Long, Set<ArtifactKind>> steps() {
        return Collections.unmodifiableNavigableMap(steps);
    }

    /** @return the captures done so far, in order */
    public List<CaptureResult> results() {
        return List.copyOf(results);
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        long step = at.iteration() + 1L;
        stepsDone = step;
        Set<ArtifactKind> kinds = steps.get(step);
        if (kinds == null || epochEnds) {
            return;
        }
        Checkpoint c = new Checkpoint(String.format("step-%08d", step), step, at.epoch(),
                learningRate.learningRate(at.iteration(), at.epoch()), seed);
        capture(c, kinds);
    }

    private void capture(Checkpoint c, Set<ArtifactKind> kinds) {
        if (writer.committedCheckpoints().stream().anyMatch(x -> x.id().equals(c.id()))) {
            LOG.debug("checkpoint {} already committed; skipped", c.id());
            return;
        }
        CaptureResult r = capture.capture(writer, c, source, spec.withKinds(kinds));
        results.add(r);
        LOG.debug("captured {} ({}) in {} s", c.id(), kinds, String.format("%.2f", r.seconds()));
    }

    /** With {@link Builder#atEpochEnds()}: captures the spec's kinds as checkpoint {@code epoch-NNNN}. */
    @Override
    public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
        if (epochEnds) {
            // the steps done so far, as iterationDone saw them (the At of epochEnd counts differently in
            // SameDiff.fit and in hand-written loops)
            long step = stepsDone;
            Checkpoint c = new Checkpoint(String.format("epoch-%04d", at.epoch()), step, at.epoch(),
                    learningRate.learningRate((int) Math.max(0, step - 1), at.epoch()), seed);
            capture(c, spec.kinds());
        }
        return ListenerResponse.CONTINUE;
    }

    /** Configures a {@link SameDiffCaptureListener}. */
    public static final class Builder {
        private final SameDiffCapture capture;
        private final ArtifactWriter writer;
        private final CaptureSource source;
        private CaptureSchedule schedule = CaptureSchedule.everyEpochs(1);
        private CaptureSpec spec = CaptureSpec.of(SameDiffCapture.ALL_KINDS);
        private long totalSteps;
        private int stepsPerEpoch;
        private long seed;
        private @Nullable LearningRateSource learningRate;
        private boolean epochEnds;

        private Builder(SameDiffCapture capture, ArtifactWriter writer, CaptureSource source) {
            this.capture = Objects.requireNonNull(capture, "capture");
            this.writer = Objects.requireNonNull(writer, "writer");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * @param s when to capture
         * @return this builder
         */
        public Builder schedule(CaptureSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /**
         * @param s what full checkpoints capture (kinds among {@link SameDiffCapture#ALL_KINDS}) and
         *     the capture batch size; logits-only checkpoints of the schedule use its batch size too
         * @return this builder
         */
        public Builder spec(CaptureSpec s) {
            this.spec = Objects.requireNonNull(s, "spec");
            return this;
        }

        /**
         * @param total T, optimizer steps of the run, {@code >= 1}
         * @param perEpoch optimizer steps per epoch, {@code >= 1}
         * @return this builder
         */
        public Builder runLength(long total, int perEpoch) {
            if (total < 1 || perEpoch < 1) {
                throw new IllegalArgumentException("totalSteps and stepsPerEpoch must be >= 1, were " + total + ", "
                        + perEpoch);
            }
            this.totalSteps = total;
            this.stepsPerEpoch = perEpoch;
            return this;
        }

        /**
         * @param s the run's seed, recorded per checkpoint
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param lr the rate in force per step; by default the graph's {@code TrainingConfig} updater
         *     ({@link SameDiffLearningRates#fromTrainingConfig})
         * @return this builder
         */
        public Builder learningRate(LearningRateSource lr) {
            this.learningRate = Objects.requireNonNull(lr, "learningRate");
            return this;
        }

        /**
         * Captures at the end of every epoch (in {@code epochEnd}, whatever the epoch's length) instead
         * of on the steps of a schedule; no run length is needed.
         *
         * @return this builder
         */
        public Builder atEpochEnds() {
            this.epochEnds = true;
            return this;
        }

        /**
         * @return the listener, its schedule resolved
         * @throws IllegalStateException without a run length
         * @throws ConfigurationException if the spec asks for a kind SameDiff capture cannot produce,
         *     or no learning rate is given and the graph has no {@code TrainingConfig} updater
         */
        public SameDiffCaptureListener build() {
            if (totalSteps == 0 && !epochEnds) {
                throw new IllegalStateException("SameDiffCaptureListener.Builder: set runLength(totalSteps,"
                        + " stepsPerEpoch) before build(); the schedule is resolved for the run");
            }
            for (ArtifactKind k : spec.kinds()) {
                if (!SameDiffCapture.ALL_KINDS.contains(k)) {
                    throw new ConfigurationException("cannot capture " + k + " from SameDiff; capturable: "
                            + SameDiffCapture.ALL_KINDS);
                }
            }
            LearningRateSource lr = learningRate;
            if (lr == null) {
                SameDiff sd = capture.graph();
                if (sd.getTrainingConfig() == null || sd.getTrainingConfig().getUpdater() == null) {
                    throw new ConfigurationException("the SameDiff graph has no TrainingConfig updater to read the"
                            + " learning rate from; give one with SameDiffCaptureListener.Builder.learningRate("
                            + "LearningRateSource.constant(lr))");
                }
                lr = SameDiffLearningRates.fromTrainingConfig(sd);
            }
            return new SameDiffCaptureListener(this, totalSteps, stepsPerEpoch, lr);
        }
    }
}
