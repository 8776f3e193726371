// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.dl4j;

import io.github.influence4j.core.capture.CaptureResult;
import io.github.influence4j.core.capture.CaptureSchedule;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J {@code TrainingListener} that captures training artifacts at scheduled steps or epoch
 * ends, so that a {@code MultiLayerNetwork} or {@code ComputationGraph} training loop needs no
 * change beyond {@code addListeners}.
 *
 * <pre>{@code
 * Dl4jCaptureListener capture = Dl4jCaptureListener.builder(
 *                 Dl4jCapture.builder().denseLayers("out").inputGradients().build(), net, data, writer)
 *         .schedule(CaptureSchedule.everyEpochs(1))
 *         .seed(42)
 *         .build();
 * net.addListeners(capture);
 * net.fit(trainIterator, 10);        // a committed checkpoint "epoch-0000", "epoch-0001", ... per epoch
 * }</pre>
 *
 * <p>Evenly spaced checkpoints ({@link CaptureSchedule#evenlySpaced}) need the run's length,
 * {@link Builder#runLength}; they are captured after their step, with the ids of step captures.
 * Logits-only cadences ({@link CaptureSchedule#withLogitsCadence}) are not supported by DL4J capture.
 *
 * <p>Each checkpoint records the step (optimizer steps completed), the epoch in progress, the
 * learning rate in force for the next step (Pruthi et al. 2020, eta_c of TracIn Eq. 1) and the seed.
 * Captures run on a private working copy of the network; training with and without this listener
 * ends with bit-identical parameters.
 *
 * @implNote DL4J calls {@code iterationDone} after the parameter update and before it applies
 *     parameter constraints, so a step capture observes the parameters before constraints (if the
 *     network has any); epoch-end captures observe them after. A failing capture throws, which
 *     aborts {@code fit}: an incomplete store is worse than a stopped run.
 */
public final class Dl4jCaptureListener extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jCaptureListener.class);
    private final Model model;
    private final Dl4jCaptureSession session;
    private final CaptureData data;
    private final ArtifactWriter writer;
    private final CaptureSchedule schedule;
    private final long seed;
    private final OptionalDouble learningRate;
    private final Set<Long> evenlySpacedSteps;
    private final List<CaptureResult> captured = new ArrayList<>();

    private Dl4jCaptureListener(Builder b) {
        this.model = b.model;
        this.session = b.capture.bind(b.model);
        this.data = b.data;
        this.writer = b.writer;
        this.schedule = b.schedule;
        this.seed = b.seed;
        this.learningRate = b.learningRate;
        if (schedule.logitsEveryIterations() > 0) {
            throw new ConfigurationException("DL4J capture: logits-only checkpoints (CaptureSchedule.withLogitsCadence)"
                    + " are not supported; capture full checkpoints, e.g. CaptureSchedule.everyIterations(n)");
        }
        if (schedule.evenlySpacedCheckpoints() > 0 && b.totalSteps == 0) {
            throw new ConfigurationException("DL4J capture: " + schedule.evenlySpacedCheckpoints() + " evenly spaced"
                    + " checkpoints need the run's length; give it with Dl4jCaptureListener.Builder.runLength(totalSteps,"
                    + " stepsPerEpoch)");
        }
        this.evenlySpacedSteps = schedule.evenlySpacedCheckpoints() == 0 ? Set.of()
                : Set.copyOf(CaptureSchedule.evenlySpaced(schedule.evenlySpacedCheckpoints())
                        .resolve(b.totalSteps, b.stepsPerEpoch, b.capture.spec().kinds()).keySet());
        if (learningRate.isEmpty() && session.learningRate(0, 0).isEmpty()) {
            throw new ConfigurationException("DL4J capture: no layer of the network has an updater with a learning rate"
                    + " (checked " + b.capture.denseLayers() + " and the layers nearest the output); give one with"
                    + " Dl4jCaptureListener.Builder.learningRate(double)");
        }
    }

    /**
     * @param capture what to capture
     * @param model the network that will be trained; validated now
     * @param data all N examples of the store, in store order
     * @param writer the store
     * @return a builder; the default schedule captures at the end of every epoch
     */
    public static Builder builder(Dl4jCapture capture, Model model, CaptureData data, ArtifactWriter writer) {
        return new Builder(capture, model, data, writer);
    }

    /** @return the checkpoints this listener has committed, in order */
    public List<Checkpoint> checkpoints() {
        return captured.stream().map(CaptureResult::checkpoint).toList();
    }

    /** @return the captures this listener has done, in order */
    public List<CaptureResult> results() {
        return List.copyOf(captured);
    }

    @Override
    public void iterationDone(Model m, int iteration, int epoch) {
        long steps = iteration + 1L;
        if (m == model && (schedule.afterStep(steps) || evenlySpacedSteps.contains(steps))) {
            capture(String.format("step-%07d", steps), steps, epoch);
        }
    }

    @Override
    public void onEpochEnd(Model m) {
        if (m != model) {
            return;
        }
        int epoch = epochCount(m);
        if (schedule.atEpochEnd(epoch)) {
            capture(String.format("epoch-%04d", epoch), iterationCount(m), epoch);
        }
    }

    private void capture(String id, long steps, int epoch) {
        double lr = learningRate.isPresent() ? learningRate.getAsDouble()
                : session.learningRate((int) steps, epoch).orElse(0.0);
        Checkpoint c = new Checkpoint(id, steps, epoch, lr, seed);
        captured.add(session.capture(data, writer, c));
        LOG.debug("DL4J capture listener: committed checkpoint {}", c);
    }

    private static int epochCount(Model m) {
        return m instanceof MultiLayerNetwork n ? n.getEpochCount() : ((ComputationGraph) m).getEpochCount();
    }

    private static int iterationCount(Model m) {
        return m instanceof MultiLayerNetwork n ? n.getIterationCount() : ((ComputationGraph) m).getIterationCount();
    }

    /** Configures a {@link Dl4jCaptureListener}. */
    public static final class Builder {
        private final Dl4jCapture capture;
        private final Model model;
        private final CaptureData data;
        private final ArtifactWriter writer;
        private CaptureSchedule schedule = CaptureSchedule.everyEpochs(1);
        private long seed;
        private OptionalDouble learningRate = OptionalDouble.empty();
        private long totalSteps;
        private int stepsPerEpoch;

        private Builder(Dl4jCapture capture, Model model, CaptureData data, ArtifactWriter writer) {
            this.capture = Objects.requireNonNull(capture, "capture");
            this.model = Objects.requireNonNull(model, "model");
            this.data = Objects.requireNonNull(data, "data");
            this.writer = Objects.requireNonNull(writer, "writer");
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
         * @param s the training run's seed, recorded in every checkpoint
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param lr a fixed learning rate to record instead of the updater's (for updaters without
         *     one), finite and {@code >= 0}
         * @return this builder
         */
        public Builder learningRate(double lr) {
            if (!Double.isFinite(lr) || lr < 0) {
                throw new IllegalArgumentException("learning rate must be finite and >= 0, was " + lr);
            }
            this.learningRate = OptionalDouble.of(lr);
            return this;
        }

        /**
         * @param total optimizer steps of the run, {@code >= 1}
         * @param perEpoch optimizer steps per epoch, {@code >= 1}
         * @return this builder; needed by evenly spaced checkpoints
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
         * @return the listener, with the network already validated against the capture
         * @throws ConfigurationException for a schedule this listener cannot follow (a logits-only
         *     cadence; evenly spaced checkpoints without {@link #runLength}) or a network without a
         *     learning rate to record
         */
        public Dl4jCaptureListener build() {
            return new Dl4jCaptureListener(this);
        }
    }
}
