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
 * Forgetting events (Toneva et al. 2019, Sec. 3): the number of transitions from correctly
 * classified (argmax z = y, ties to the lowest class) at one checkpoint to misclassified at the next,
 * over the selected checkpoints holding {@code LOGITS}, in training order. Higher is harder.
 *
 * <pre>{@code
 * InfluenceScores f = ForgettingScorer.of(store, ForgettingOptions.defaults()).score();
 * }</pre>
 *
 * @implNote Examples never classified correctly get C, the number of checkpoints used (more than
 *     any real count), or positive infinity ({@link NeverLearned}). Dense training-dynamics
 *     logging (every k steps) is many checkpoints holding only {@code LOGITS}.
 */
public final class ForgettingScorer implements InfluenceScorer {
    /** The scorer's name: {@code "forgetting"}. */
    public static final String NAME = "forgetting";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(ForgettingScorer.class);

    private final TrainingArtifactStore store;
    private final ForgettingOptions options;
    private final List<Checkpoint> checkpoints;

    private ForgettingScorer(TrainingArtifactStore store, ForgettingOptions options) {
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
    public static InfluenceScorer of(TrainingArtifactStore store, ForgettingOptions options) {
        return new ForgettingScorer(store, options);
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
        if (checkpoints.size() < 2) {
            run.warn("only " + checkpoints.size() + " checkpoint: no transition can be observed, every count is 0"
                    + " (or the never-learned value)");
        }
        double[][] all = LogitsPass.run(run, NAME, checkpoints, false, 1, (y, k) -> new ForgettingAccumulator(y, k, options.neverLearned()));
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all[0], Orientation.HIGHER_IS_HARDER, prov);
        LOG.info("{}: scored {} examples of store '{}'", NAME, out.size(), store.id());
        return out;
    }

    @Override
    public String toString() {
        return "ForgettingScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
