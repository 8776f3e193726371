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
 * Area under the margin, AUM (Pleiss et al. 2020, Eq. 1-2): the mean over the selected checkpoints
 * of the logit margin z_y - max_{k != y} z_k. Lower is harder (negative: likely mislabelled).
 *
 * <pre>{@code
 * InfluenceScores aum = AumScorer.of(store, AumOptions.defaults()).score();
 * }</pre>
 *
 * @implNote Margins of the pre-softmax logits, as in the paper (not of probabilities); the mean is
 *     over checkpoints holding {@code LOGITS}, i.e. the logged training dynamics.
 */
public final class AumScorer implements InfluenceScorer {
    /** The scorer's name: {@code "aum"}. */
    public static final String NAME = "aum";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(AumScorer.class);

    private final TrainingArtifactStore store;
    private final AumOptions options;
    private final List<Checkpoint> checkpoints;

    private AumScorer(TrainingArtifactStore store, AumOptions options) {
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
    public static InfluenceScorer of(TrainingArtifactStore store, AumOptions options) {
        return new AumScorer(store, options);
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
        double[][] all = LogitsPass.run(run, NAME, checkpoints, false, 1, AumAccumulator::new);
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all[0], Orientation.LOWER_IS_HARDER, prov);
        LOG.info("{}: scored {} examples of store '{}'", NAME, out.size(), store.id());
        return out;
    }

    @Override
    public String toString() {
        return "AumScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
