package io.github.influence4j.core.capture;

import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SameDiff training listener that captures checkpoints on the steps of a {@link CapturePlan}:
 * after the update of iteration i (0-based), step {@code i + 1} is looked up in the plan's
 * schedule and, if present, {@link SameDiffCapture#capture} runs over the whole capture source.
 *
 * <pre>{@code
 * CaptureListener l = new CaptureListener(capture, writer, source, CapturePlan.evenlySpaced(10),
 *         totalSteps, stepsPerEpoch, seed, LearningRateSource.fromTrainingConfig(sd));
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
 *     go unnoticed.
 */
public final class CaptureListener extends BaseListener {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureListener.class);

    private final SameDiffCapture capture;
    private final ArtifactWriter writer;
    private final CaptureSource source;
    private final CapturePlan plan;
    private final NavigableMap<Long, Set<ArtifactKind>> schedule;
    private final long seed;
    private final LearningRateSource learningRate;
    private final List<CaptureResult> results = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param capture the capture bound to the trained graph
     * @param writer where checkpoints go
     * @param source eval-mode batches of every store example
     * @param plan when and what to capture
     * @param totalSteps optimizer steps of the run
     * @param stepsPerEpoch optimizer steps per epoch
     * @param seed the run's seed, recorded per checkpoint
     * @param learningRate the rate in force per step
     */
    public CaptureListener(SameDiffCapture capture, ArtifactWriter writer, CaptureSource source, CapturePlan plan,
            long totalSteps, int stepsPerEpoch, long seed, LearningRateSource learningRate) {
        this.capture = Objects.requireNonNull(capture, "capture");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.source = Objects.requireNonNull(source, "source");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.schedule = plan.schedule(totalSteps, stepsPerEpoch);
        this.seed = seed;
        this.learningRate = Objects.requireNonNull(learningRate, "learningRate");
    }

    /** @return the resolved schedule: step to kinds */
    public NavigableMap<Long, Set<ArtifactKind>> schedule() {
        return Collections.unmodifiableNavigableMap(schedule);
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
        Set<ArtifactKind> kinds = schedule.get(step);
        if (kinds == null) {
            return;
        }
        Checkpoint c = new Checkpoint(String.format("step-%08d", step), step, at.epoch(),
                learningRate.learningRate(at.iteration(), at.epoch()), seed);
        if (writer.committedCheckpoints().stream().anyMatch(x -> x.id().equals(c.id()))) {
            LOG.debug("checkpoint {} already committed; skipped", c.id());
            return;
        }
        CaptureResult r = capture.capture(writer, c, source, kinds, plan.batchSize());
        results.add(r);
        LOG.debug("captured {} ({}) in {} s", c.id(), kinds, String.format("%.2f", r.seconds()));
    }
}
