package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.internal.ArtifactReads;
import io.github.influence4j.scorers.internal.ArtifactReads.Ragged;
import io.github.influence4j.scorers.internal.CheckpointSelection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraNd (Paul et al. 2021, Sec. 3): the per-example gradient norm ||grad_theta L(theta_c, z)||_2
 * over the selected parameter groups, averaged over the selected checkpoints. Higher is harder.
 * Needs no labels: the captured gradients already hold them.
 *
 * <pre>{@code
 * InfluenceScores lastLayer = GrandScorer.of(store, GrandOptions.builder().layers("fc").build()).score();
 * }</pre>
 *
 * @implNote Per checkpoint the squared norms of all groups are summed before the square root
 *     (theta is the union of the groups); the mean over checkpoints is of the norms, as the oracle
 *     and Paul et al. (who average over runs). With no group named, every factored layer at the
 *     first selected checkpoint is used, plus every {@code PARAM_GRADS} group whose name is not a
 *     factored layer's (a group named like a layer is taken to hold the same parameters and is
 *     counted once, in factored form); the resolved names are recorded in the provenance.
 */
public final class GrandScorer implements InfluenceScorer {
    /** The scorer's name: {@code "grand"}. */
    public static final String NAME = "grand";
    /** Version of the implementation, recorded in provenance. */
    public static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(GrandScorer.class);
    private static final ArtifactKey EMBEDDING_GRADS = ArtifactKey.of(ArtifactKind.EMBEDDING_GRADS);
    private static final ArtifactKey TOKEN_IDS = ArtifactKey.of(ArtifactKind.TOKEN_IDS);
    private static final String HINT = "Capture LAYER_INPUTS and LAYER_OUTPUT_GRADS of dense layers, PARAM_GRADS, or"
            + " EMBEDDING_GRADS (with TOKEN_IDS) at the checkpoints to score.";

    private final TrainingArtifactStore store;
    private final GrandOptions options;
    private final List<Checkpoint> checkpoints;

    private GrandScorer(TrainingArtifactStore store, GrandOptions requested) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = requested.automatic() ? resolve(store, requested) : requested;
        List<ArtifactKey> needed = new ArrayList<>();
        for (String l : options.layers()) {
            needed.add(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, l));
            needed.add(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, l));
        }
        for (String g : options.paramGroups()) {
            needed.add(ArtifactKey.of(ArtifactKind.PARAM_GRADS, g));
        }
        if (options.embeddings()) {
            needed.add(EMBEDDING_GRADS);
            if (!store.hasStatic(TOKEN_IDS)) {
                throw new MissingArtifactException("grand: embeddings=true needs TOKEN_IDS to group the embedding"
                        + " gradients by word; store '" + store.id() + "' holds static artifacts "
                        + store.staticArtifacts().keySet() + ". Write TOKEN_IDS, or set embeddings=false.");
            }
        }
        this.checkpoints = CheckpointSelection.select(store, NAME, options.checkpoints(), needed, HINT);
    }

    private static GrandOptions resolve(TrainingArtifactStore store, GrandOptions o) {
        List<Checkpoint> candidates = o.checkpoints().isEmpty() ? store.checkpoints()
                : CheckpointSelection.select(store, NAME, o.checkpoints(), List.of(), HINT);
        for (Checkpoint c : candidates) {
            Map<ArtifactKey, ArtifactInfo> a = store.artifacts(c.id());
            List<String> layers = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (ArtifactKey k : a.keySet()) {
                if (k.kind() == ArtifactKind.LAYER_OUTPUT_GRADS
                        && a.containsKey(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, k.layer()))) {
                    layers.add(k.layer());
                }
            }
            for (ArtifactKey k : a.keySet()) {
                if (k.kind() == ArtifactKind.PARAM_GRADS && !layers.contains(k.layer())) {
                    groups.add(k.layer());
                }
            }
            if (!layers.isEmpty() || !groups.isEmpty()) {
                return new GrandOptions(layers, groups, false, o.bias(), o.checkpoints());
            }
        }
        throw new MissingArtifactException("grand: no checkpoint of store '" + store.id() + "'"
                + (o.checkpoints().isEmpty() ? "" : " among " + o.checkpoints())
                + " holds a factored dense layer (LAYER_INPUTS + LAYER_OUTPUT_GRADS) or PARAM_GRADS. " + HINT);
    }

    /**
     * @param store the store to score
     * @param options the options
     * @return the scorer, with its parameter groups and checkpoints resolved now
     * @throws MissingArtifactException if a selected checkpoint lacks a selected group
     */
    public static InfluenceScorer of(TrainingArtifactStore store, GrandOptions options) {
        return new GrandScorer(store, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        Set<ArtifactKind> s = EnumSet.noneOf(ArtifactKind.class);
        if (!options.layers().isEmpty()) {
            s.add(ArtifactKind.LAYER_INPUTS);
            s.add(ArtifactKind.LAYER_OUTPUT_GRADS);
        }
        if (!options.paramGroups().isEmpty()) {
            s.add(ArtifactKind.PARAM_GRADS);
        }
        if (options.embeddings()) {
            s.add(ArtifactKind.EMBEDDING_GRADS);
            s.add(ArtifactKind.TOKEN_IDS);
        }
        return s;
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(NAME, store, request);
        LOG.info("grand: layers {}, parameter groups {}, embeddings {}, bias {}, checkpoints {}, store '{}'",
                options.layers(), options.paramGroups(), options.embeddings(), options.bias(),
                ArtifactReads.ids(checkpoints), store.id());
        double[] all = new double[store.numExamples()];
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            GrandAccumulator acc = new GrandAccumulator(range.size());
            Ragged tokens = options.embeddings() ? ArtifactReads.raggedStatic(store, NAME, TOKEN_IDS, range) : null;
            for (Checkpoint c : checkpoints) {
                addCheckpoint(acc, c, range, tokens);
                acc.endCheckpoint();
            }
            System.arraycopy(acc.results(), 0, all, range.from(), range.size());
            LOG.trace("grand: scored {}", range);
            run.progress(range);
        }
        ScoreProvenance prov = ScoreProvenance.of(NAME, VERSION, options.toMap(), store, ArtifactReads.ids(checkpoints));
        InfluenceScores out = run.finish(all, Orientation.HIGHER_IS_HARDER, prov);
        LOG.info("grand: scored {} examples of store '{}'", out.size(), store.id());
        return out;
    }

    private void addCheckpoint(GrandAccumulator acc, Checkpoint c, ExampleRange range, Ragged tokens) {
        int n = range.size();
        for (String l : options.layers()) {
            double[] a = ArtifactReads.dense(store, NAME, c, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, l), range, -1);
            double[] d = ArtifactReads.dense(store, NAME, c, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, l), range, -1);
            acc.addFactored(a, d, width(a, n), width(d, n), options.bias());
        }
        for (String g : options.paramGroups()) {
            double[] p = ArtifactReads.dense(store, NAME, c, ArtifactKey.of(ArtifactKind.PARAM_GRADS, g), range, -1);
            acc.addDense(p, width(p, n));
        }
        if (tokens != null) {
            Ragged e = ArtifactReads.ragged(store, NAME, c, EMBEDDING_GRADS, range);
            for (int i = 0; i < n; i++) {
                if (e.lengths()[i] != tokens.lengths()[i]) {
                    throw new IncompatibleStoreException("grand: EMBEDDING_GRADS of example " + (range.from() + i)
                            + " has " + e.lengths()[i] + " positions at checkpoint '" + c.id() + "' but TOKEN_IDS has "
                            + tokens.lengths()[i] + " in store '" + store.id() + "'; both must hold the same real"
                            + " positions. Re-capture EMBEDDING_GRADS for the stored tokens.");
                }
            }
            acc.addEmbedding(e.values(), tokens.values(), e.lengths(), e.width());
        }
    }

    private static int width(double[] values, int n) {
        return n == 0 ? 0 : values.length / n;
    }

    @Override
    public String toString() {
        return "GrandScorer[" + options + ", store=" + store.id() + ", checkpoints=" + ArtifactReads.ids(checkpoints) + "]";
    }
}
