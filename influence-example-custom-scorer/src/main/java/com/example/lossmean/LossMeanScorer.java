package com.example.lossmean;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.OptionReader;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Mean per-example training loss over checkpoints: {@code s_i = (1/C) sum_c L(theta_c, z_i)}, read
 * from the store's {@code LOSS} artifact. Examples the model keeps getting wrong have a high mean
 * loss; examples it learns early and keeps have a low one. A cheap learning-speed proxy for
 * example difficulty (Jiang et al., "Characterizing Structural Regularities of Labeled Data in
 * Overparameterized Models", ICML 2021, use cumulative training loss the same way).
 *
 * <pre>{@code
 * InfluenceScores s = InfluenceScorers.create("loss-mean", store, Map.of("last", "3")).score();
 * }</pre>
 *
 * @implNote Accumulates in float64 over the chosen checkpoints in store order; the chunk loop goes
 *     through {@link ScoringRun}, so progress, cancellation and subsets behave as for built-in
 *     scorers, and the result does not depend on the chunk size.
 */
public final class LossMeanScorer implements InfluenceScorer {
    static final String OPT_CHECKPOINTS = "checkpoints";
    static final String OPT_LAST = "last";
    private static final String VERSION = "1";
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);

    private final TrainingArtifactStore store;
    private final List<Checkpoint> checkpoints;
    private final Map<String, String> options;

    private LossMeanScorer(TrainingArtifactStore store, List<Checkpoint> checkpoints, Map<String, String> options) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.options = options;
    }

    /**
     * @param store the store; must hold {@code LOSS} in at least one checkpoint
     * @param options {@code checkpoints} and {@code last} (see {@link LossMeanProvider#options()})
     * @return the scorer
     * @throws MissingArtifactException if no checkpoint holds LOSS
     * @throws ConfigurationException for an unknown option, an unknown checkpoint or a bad value
     */
    public static LossMeanScorer create(TrainingArtifactStore store, Map<String, String> options) {
        OptionReader r = OptionReader.of(LossMeanProvider.NAME, options);
        List<String> ids = r.list(OPT_CHECKPOINTS);
        int last = r.intValue(OPT_LAST, 0, 0);
        r.finish();
        List<Checkpoint> withLoss = store.checkpointsWith(LOSS);
        if (withLoss.isEmpty()) {
            throw new MissingArtifactException("loss-mean needs LOSS; store '" + store.id() + "' holds it at none of its "
                    + store.checkpoints().size() + " checkpoints. Capture per-example losses (ArtifactKind.LOSS).");
        }
        List<Checkpoint> chosen = withLoss;
        if (!ids.isEmpty()) {
            chosen = ids.stream().map(id -> withLoss.stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new ConfigurationException("loss-mean: option checkpoints names '" + id
                            + "', which is not a checkpoint of store '" + store.id() + "' holding LOSS; those are "
                            + withLoss.stream().map(Checkpoint::id).toList()))).toList();
        }
        if (last > 0) {
            if (last > chosen.size()) {
                throw new ConfigurationException("loss-mean: option last=" + last + " but only " + chosen.size()
                        + " checkpoints hold LOSS in store '" + store.id() + "'");
            }
            chosen = chosen.subList(chosen.size() - last, chosen.size());
        }
        return new LossMeanScorer(store, List.copyOf(chosen), Map.copyOf(options));
    }

    @Override
    public String name() {
        return LossMeanProvider.NAME;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return Set.of(ArtifactKind.LOSS);
    }

    /** @return the checkpoints averaged over, in store order */
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(name(), store, request);
        double[] all = new double[store.numExamples()];
        for (ExampleRange range : run.ranges()) {
            run.checkCancelled();
            for (Checkpoint c : checkpoints) {
                try (ArtifactChunk chunk = store.read(c.id(), LOSS, range)) {
                    double[] v = chunk.values().castTo(DataType.DOUBLE).reshape(range.size()).toDoubleVector();
                    for (int i = 0; i < v.length; i++) {
                        all[range.from() + i] += v[i];
                    }
                }
            }
            for (int i = range.from(); i < range.to(); i++) {
                all[i] /= checkpoints.size();
            }
            run.progress(range);
        }
        ScoreProvenance p = ScoreProvenance.of(name(), VERSION, options, store,
                checkpoints.stream().map(Checkpoint::id).toList());
        return run.finish(all, Orientation.HIGHER_IS_HARDER, p);
    }
}
