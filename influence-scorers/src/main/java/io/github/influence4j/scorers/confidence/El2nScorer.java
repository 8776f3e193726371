package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.internal.ArtifactReads;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EL2N (Paul et al. 2021, Sec. 3): the L2 norm of the error vector, ||softmax(z_c) - onehot(y)||_2,
 * averaged over the selected checkpoints (default: every checkpoint holding {@code LOGITS}).
 * Higher is harder.
 *
 * <pre>{@code
 * InfluenceScores el2n = El2nScorer.of(store, El2nOptions.builder().checkpoints("epoch-2").build()).score();
 * }</pre>
 *
 * @implNote Paul et al. average over independent runs at an early epoch and Tan et al. use epoch 2:
 *     select that checkpoint (or one per run) with the {@code checkpoints} option. Softmax in float64
 *     with the row maximum subtracted.
 */
public final class El2nScorer implements InfluenceScorer {
    /** The scorer's name: {@code "el2n"}. */
    public static final String NAME = "el2n";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(El2nScorer.class);

    private final TrainingArtifactStore store;
    private final El2nOptions options;
    private final List<Checkpoint> checkpoints;

    private El2nScorer(TrainingArtifactStore store, El2nOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        ArtifactReads.requireLabels(store, NAME);
        this.checkpoints = CheckpointSelection.select(store, NAME, options.checkpoints(), List.of(LogitsPass.LOGITS),
                "Capture LOGITS (eval mode) at the checkpoints to score.");
    }

    /**
     * @param store the store to score
     * @param options the options
     * @return the scorer, with its checkpoints resolved now
     * @throws io.github.influence4j.core.exception.MissingArtifactException without {@code LABELS} or {@code LOGITS}
     */
    public static InfluenceScorer of(TrainingArtifactStore store, El2nOptions options) {
        return new El2nScorer(store, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(NAME, store, request);
        LOG.info("{}: {} checkpoints {}, store '{}'", NAME, checkpoints.size(), ArtifactReads.ids(checkpoints), store.id());
        double[][] all = LogitsPass.run(run, NAME, checkpoints, false, 1, El2nAccumulator::new);
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all[0], Orientation.HIGHER_IS_HARDER, prov);
        LOG.info("{}: scored {} examples of store '{}'", NAME, out.size(), store.id());
        return out;
    }

    @Override
    public String toString() {
        return "El2nScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
