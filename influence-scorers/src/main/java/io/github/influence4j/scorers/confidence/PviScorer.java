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
 * Pointwise V-information, PVI (Ethayarajh et al. 2022, Def. 3): log2 p_x(y) - log2 p_null(y),
 * with p_x = softmax({@code LOGITS}) of the model given the input and p_null = softmax
 * ({@code NULL_LOGITS}) of a model given no input, at the same checkpoint. Lower is harder (how
 * little the input helps to predict its label; negative: the input misleads).
 *
 * <pre>{@code
 * InfluenceScores pvi = PviScorer.of(store, PviOptions.defaults()).score();
 * }</pre>
 *
 * @implNote By default the last checkpoint holding both kinds (the trained models, as in the
 *     paper); with several checkpoints named, the mean of their PVIs. Base-2 logarithms (bits),
 *     log-softmax in float64.
 */
public final class PviScorer implements InfluenceScorer {
    /** The scorer's name: {@code "pvi"}. */
    public static final String NAME = "pvi";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(PviScorer.class);

    private final TrainingArtifactStore store;
    private final PviOptions options;
    private final List<Checkpoint> checkpoints;

    private PviScorer(TrainingArtifactStore store, PviOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        ArtifactReads.requireLabels(store, NAME);
        List<Checkpoint> cs = CheckpointSelection.select(store, NAME, options.checkpoints(),
                List.of(LogitsPass.LOGITS, LogitsPass.NULL_LOGITS), "PVI needs the logits of a null model (the"
                + " same model family trained on empty inputs) as NULL_LOGITS next to LOGITS: capture both at the"
                + " checkpoint to score.");
        this.checkpoints = options.checkpoints().isEmpty() ? List.of(cs.get(cs.size() - 1)) : cs;
    }

    /**
     * @param store the store to score
     * @param options the options
     * @return the scorer, with its checkpoints resolved now
     * @throws io.github.influence4j.core.exception.MissingArtifactException without {@code LABELS}, {@code LOGITS} or {@code NULL_LOGITS}
     */
    public static InfluenceScorer of(TrainingArtifactStore store, PviOptions options) {
        return new PviScorer(store, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.NULL_LOGITS, ArtifactKind.LABELS);
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(NAME, store, request);
        LOG.info("{}: {} checkpoints {}, store '{}'", NAME, checkpoints.size(), ArtifactReads.ids(checkpoints), store.id());
        double[][] all = LogitsPass.run(run, NAME, checkpoints, true, 1, PviAccumulator::new);
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all[0], Orientation.LOWER_IS_HARDER, prov);
        LOG.info("{}: scored {} examples of store '{}'", NAME, out.size(), store.id());
        return out;
    }

    @Override
    public String toString() {
        return "PviScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
