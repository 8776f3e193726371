package io.github.influence4j.scorers.vog;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.internal.ArtifactReads;
import io.github.influence4j.scorers.internal.ArtifactReads.Ragged;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Variance of Gradients, VoG (Agarwal et al. 2022, Eq. 1-3; Tan et al. 2023, App. B.1, Alg. 1),
 * for text: with G_c the {@code INPUT_GRADS} of example i at checkpoint c (the gradient of the
 * true-class pre-softmax logit with respect to the embedding-layer output, shape {@code [T_i, D]},
 * real positions only), V = (1/C) sum_c (G_c - mean_c G)^2 elementwise, and
 * v_i = mean over the T_i x D elements of V ({@link Spread#VARIANCE}) or of sqrt(V)
 * ({@link Spread#STD}), then standardised by {@link Normalization}. Higher is harder.
 *
 * <pre>{@code
 * InfluenceScores vog = VogScorer.of(store, VogOptions.defaults()).score();
 * }</pre>
 *
 * <p>Streams over example chunks; for each chunk it loops over the checkpoints, so memory is
 * O(chunk x T x D), never O(N x C).
 *
 * @implNote Padding never enters the score: ragged artifacts hold real positions only, and the
 *     mean divides by T_i x D. The z-score statistics are population statistics over the examples
 *     being scored (all N, or the request's subset): a degenerate class (one member, or zero
 *     spread) maps to 0 and is reported through {@link io.github.influence4j.core.ScoringListener#onWarning}.
 *     An example with T_i = 0 gets raw value 0 (also warned).
 */
public final class VogScorer implements InfluenceScorer {
    /** The scorer's name: {@code "vog"}. */
    public static final String NAME = "vog";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(VogScorer.class);
    private static final ArtifactKey INPUT_GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);

    private final TrainingArtifactStore store;
    private final VogOptions options;
    private final List<Checkpoint> checkpoints;

    private VogScorer(TrainingArtifactStore store, VogOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.checkpoints = CheckpointSelection.select(store, NAME, options.checkpoints(), List.of(INPUT_GRADS),
                "Capture d(true-class logit)/d(embedding output) as INPUT_GRADS at every checkpoint.");
        if (checkpoints.size() < 2) {
            throw new ConfigurationException("vog: the variance across checkpoints needs at least 2 checkpoints with"
                    + " INPUT_GRADS; store '" + store.id() + "' gives " + ArtifactReads.ids(checkpoints)
                    + (options.checkpoints().isEmpty() ? "" : " (option checkpoints=" + options.checkpoints() + ")")
                    + ". Capture INPUT_GRADS at 2 or more checkpoints (Tan et al. use 10).");
        }
        if (options.normalization() == Normalization.CLASS) {
            ArtifactReads.requireLabels(store, NAME);
        }
    }

    /**
     * @param store the store to score
     * @param options the options
     * @return the scorer, with its checkpoints resolved now
     * @throws ConfigurationException if fewer than 2 checkpoints hold {@code INPUT_GRADS}, or class
     *     normalisation is asked for without {@code LABELS}
     */
    public static InfluenceScorer of(TrainingArtifactStore store, VogOptions options) {
        return new VogScorer(store, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return options.normalization() == Normalization.CLASS
                ? EnumSet.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS) : EnumSet.of(ArtifactKind.INPUT_GRADS);
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(NAME, store, request);
        LOG.info("vog: {} checkpoints {}, spread {}, normalization {}, store '{}'", checkpoints.size(),
                ArtifactReads.ids(checkpoints), options.spread(), options.normalization(), store.id());
        int n = store.numExamples();
        double[] raw = new double[n];
        boolean classes = options.normalization() == Normalization.CLASS;
        int[] labels = classes ? new int[n] : new int[0];
        int empty = 0;
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            if (classes) {
                System.arraycopy(ArtifactReads.labels(store, NAME, range), 0, labels, range.from(), range.size());
            }
            VogAccumulator acc = null;
            Ragged first = null;
            for (Checkpoint c : checkpoints) {
                Ragged g = ArtifactReads.ragged(store, NAME, c, INPUT_GRADS, range);
                if (acc == null) {
                    first = g;
                    acc = new VogAccumulator(g.lengths(), g.width());
                } else {
                    ArtifactReads.requireSameShape(NAME, store, INPUT_GRADS.toString(), range, first,
                            "checkpoint '" + checkpoints.get(0).id() + "'", g, "checkpoint '" + c.id() + "'");
                }
                acc.add(g.values());
            }
            double[] v = acc.finish(options.spread());
            System.arraycopy(v, 0, raw, range.from(), v.length);
            for (int t : first.lengths()) {
                empty += t == 0 ? 1 : 0;
            }
            LOG.trace("vog: scored {}", range);
            run.progress(range);
        }
        if (empty > 0) {
            run.warn(empty + " example(s) have no real positions in INPUT_GRADS; their raw VoG is 0");
        }
        double[] all = normalize(run, raw, labels, request);
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all, Orientation.HIGHER_IS_HARDER, prov);
        LOG.info("vog: scored {} examples of store '{}'", out.size(), store.id());
        return out;
    }

    private double[] normalize(ScoringRun run, double[] raw, int[] labels, ScoreRequest request) {
        if (options.normalization() == Normalization.NONE) {
            return raw;
        }
        int[] ids = request.examples().orElseGet(() -> IntStream.range(0, raw.length).toArray());
        double[] v = new double[ids.length];
        int[] y = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            v[i] = raw[ids[i]];
            y[i] = options.normalization() == Normalization.CLASS ? labels[ids[i]] : 0;
        }
        Standardization.Result r = options.normalization() == Normalization.CLASS
                ? Standardization.byClass(v, y, store.numClasses()) : Standardization.dataset(v);
        if (!r.degenerate().isEmpty()) {
            run.warn("zero spread of raw VoG in " + String.join(", ", r.degenerate())
                    + "; those examples get the normalised value 0 (at their group's mean)");
        }
        double[] all = new double[raw.length];
        for (int i = 0; i < ids.length; i++) {
            all[ids[i]] = r.values()[i];
        }
        return all;
    }

    @Override
    public String toString() {
        return "VogScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
