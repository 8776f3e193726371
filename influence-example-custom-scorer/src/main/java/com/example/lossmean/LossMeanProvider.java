package com.example.lossmean;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code loss-mean} scorer ({@link LossMeanScorer}) with
 * {@link io.github.influence4j.core.InfluenceScorers}. Public with a no-argument constructor, as
 * {@link java.util.ServiceLoader} requires.
 */
public final class LossMeanProvider implements InfluenceScorerProvider {
    /** The scorer's name, as users ask for it. */
    public static final String NAME = "loss-mean";

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public LossMeanProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean per-example training loss over checkpoints (higher = harder); a cheap learning-speed"
                + " baseline (Jiang et al. 2021)";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return Set.of(ArtifactKind.LOSS);
    }

    @Override
    public Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LossMeanScorer.OPT_CHECKPOINTS, "comma-separated checkpoint ids to average over (default: every"
                + " checkpoint holding LOSS)");
        m.put(LossMeanScorer.OPT_LAST, "average over only the last n checkpoints holding LOSS (default 0 = all)");
        return m;
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return LossMeanScorer.create(store, options);
    }
}
