package io.github.influence4j.scorers.tracin;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.ScoreProvenance;
import io.github.influence4j.core.ScoreRequest;
import io.github.influence4j.core.ScoringRun;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TracIn self-influence (Pruthi et al. 2020; Captum's {@code TracInCP.self_influence}):
 * {@code sum_c eta_c ||grad_theta L(theta_c, z)||^2} over the selected parameter groups. Higher =
 * harder (likely mislabeled or atypical). Streams example chunks; per chunk, loops over checkpoints.
 *
 * @implNote The squared norm, not the norm (as Captum). Per example the checkpoint terms are added
 *     in store order, so results do not depend on the chunk size.
 */
final class TracInSelfScorer implements InfluenceScorer {
    static final String VERSION = "1";
    private static final Logger LOG = LoggerFactory.getLogger(TracInSelfScorer.class);

    private final String name;
    private final TrainingArtifactStore store;
    private final TracInOptions options;
    private final TracInPlan plan;

    TracInSelfScorer(String name, TrainingArtifactStore store, TracInOptions options) {
        this.name = name;
        this.store = store;
        this.options = options;
        this.plan = TracInPlan.resolve(name, store, options);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return plan.kinds();
    }

    @Override
    public InfluenceScores score(ScoreRequest request) {
        ScoringRun run = ScoringRun.start(name, store, request);
        warnIfLearningRatesIgnored(run, options);
        LOG.info("{}: store '{}', groups [{}], {} checkpoints", name, store.id(), plan.labels(), plan.checkpoints().size());
        double[] all = new double[store.numExamples()];
        for (ExampleRange r : run.ranges()) {
            run.checkCancelled();
            try (GradientReader reader = new GradientReader(store, plan.groups(), r)) {
                for (int c = 0; c < plan.checkpoints().size(); c++) {
                    TracInAccumulator.self(reader.read(plan.checkpoints().get(c).id()), plan.etas()[c], all, r.from());
                }
            }
            run.progress(r);
        }
        InfluenceScores s = run.finish(all, Orientation.HIGHER_IS_HARDER,
                ScoreProvenance.of(name, VERSION, provenanceOptions(options, plan), store, plan.checkpointIds()));
        LOG.info("{}: scored {} examples", name, s.size());
        return s;
    }

    static void warnIfLearningRatesIgnored(ScoringRun run, TracInOptions options) {
        if (!options.useLearningRate()) {
            run.warn("learning rates ignored (use-learning-rate=false): every checkpoint weighs 1, not eta_c as in "
                    + "Pruthi et al. 2020 Eq. 1; recorded in the provenance");
        }
    }

    static Map<String, String> provenanceOptions(TracInOptions options, TracInPlan plan) {
        Map<String, String> m = options.toMap();
        m.put("groups", plan.labels());
        m.put("etas", String.join(",", java.util.Arrays.stream(plan.etas()).mapToObj(Double::toString).toList()));
        return m;
    }
}
