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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataset cartography (Swayamdipta et al. 2020, Sec. 2): with p_c = softmax(z_c)[y] at each
 * selected checkpoint holding {@code LOGITS}, confidence = mean_c p_c, variability = population
 * std_c p_c and correctness = the fraction of checkpoints with argmax z_c = y, all three in one pass.
 *
 * <pre>{@code
 * DataMap map = DataMapScorer.of(store, DataMapOptions.defaults()).score();
 * int hardest = map.confidence().hardest();
 * }</pre>
 *
 * <p>Each coordinate is also an {@link InfluenceScorer} ({@link #confidence()},
 * {@link #variability()}, {@link #correctness()}), registered as {@code "data-map-confidence"},
 * {@code "data-map-variability"} and {@code "data-map-correctness"}.
 *
 * @implNote Variability divides by C ({@code ddof = 0}) as {@code np.std} in the authors' code;
 *     argmax ties go to the lowest class index; the paper's epochs are the checkpoints here.
 */
public final class DataMapScorer {
    /** Prefix of the three score names: {@code "data-map"}. */
    public static final String NAME_PREFIX = "data-map";
    /** Name of the confidence score. */
    public static final String CONFIDENCE = NAME_PREFIX + "-confidence";
    /** Name of the variability score. */
    public static final String VARIABILITY = NAME_PREFIX + "-variability";
    /** Name of the correctness score. */
    public static final String CORRECTNESS = NAME_PREFIX + "-correctness";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(DataMapScorer.class);

    private final TrainingArtifactStore store;
    private final DataMapOptions options;
    private final List<Checkpoint> checkpoints;

    private DataMapScorer(TrainingArtifactStore store, DataMapOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        ArtifactReads.requireLabels(store, NAME_PREFIX);
        this.checkpoints = CheckpointSelection.select(store, NAME_PREFIX, options.checkpoints(),
                List.of(LogitsPass.LOGITS), "Capture LOGITS (eval mode) at the checkpoints (epochs) to map.");
    }

    /**
     * @param store the store to map
     * @param options the options
     * @return the scorer, with its checkpoints resolved now
     * @throws io.github.influence4j.core.exception.MissingArtifactException without {@code LABELS} or {@code LOGITS}
     */
    public static DataMapScorer of(TrainingArtifactStore store, DataMapOptions options) {
        return new DataMapScorer(store, options);
    }

    /** @return the data map of every example */
    public DataMap score() {
        return score(ScoreRequest.allExamples());
    }

    /**
     * @param request which examples, listener, cancellation, chunk size
     * @return the data map of the requested examples
     */
    public DataMap score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(NAME_PREFIX, store, request);
        LOG.info("data-map: {} checkpoints {}, store '{}'", checkpoints.size(), ArtifactReads.ids(checkpoints), store.id());
        double[][] all = LogitsPass.run(run, NAME_PREFIX, checkpoints, false, 3, DataMapAccumulator::new);
        List<String> ids = ArtifactReads.ids(checkpoints);
        DataMap map = new DataMap(
                run.finish(CONFIDENCE, all[0], Orientation.LOWER_IS_HARDER, provenance(CONFIDENCE, ids)),
                run.finish(VARIABILITY, all[1], Orientation.HIGHER_IS_HARDER, provenance(VARIABILITY, ids)),
                run.finish(CORRECTNESS, all[2], Orientation.LOWER_IS_HARDER, provenance(CORRECTNESS, ids)));
        LOG.info("data-map: mapped {} examples of store '{}'", map.confidence().size(), store.id());
        return map;
    }

    private ScoreProvenance provenance(String name, List<String> ids) {
        return ScoreProvenance.of(name, VERSION, options.toMap(), store, ids);
    }

    /** @return confidence alone, as a scorer (lower is harder) */
    public InfluenceScorer confidence() {
        return new Coordinate(CONFIDENCE, DataMap::confidence);
    }

    /** @return variability alone, as a scorer (higher is more ambiguous) */
    public InfluenceScorer variability() {
        return new Coordinate(VARIABILITY, DataMap::variability);
    }

    /** @return correctness alone, as a scorer (lower is harder) */
    public InfluenceScorer correctness() {
        return new Coordinate(CORRECTNESS, DataMap::correctness);
    }

    @Override
    public String toString() {
        return "DataMapScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }

    /** One coordinate of the map as an {@link InfluenceScorer}. */
    private final class Coordinate implements InfluenceScorer {
        private final String name;
        private final Function<DataMap, InfluenceScores> pick;

        Coordinate(String name, Function<DataMap, InfluenceScores> pick) {
            this.name = name;
            this.pick = pick;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<ArtifactKind> requiredArtifacts() {
            return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
        }

        @Override
        public InfluenceScores score(ScoreRequest request) {
            return pick.apply(DataMapScorer.this.score(request));
        }

        @Override
        public String toString() {
            return name + " of " + DataMapScorer.this;
        }
    }
}
