package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@link GrandScorer} as {@code "grand"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code layers}, {@code param-groups}, {@code embeddings}, {@code bias}, {@code checkpoints}; with no group named,
 * every factored layer and parameter group in the store.
 */
public final class GrandProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public GrandProvider() {
    }

    @Override
    public String name() {
        return GrandScorer.NAME;
    }

    @Override
    public String description() {
        return "GraNd: per-example gradient norm over the selected parameter groups, averaged over checkpoints (Paul et al. 2021); higher is harder";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LAYER_INPUTS, ArtifactKind.LAYER_OUTPUT_GRADS);
    }

    @Override
    public Map<String, String> options() {
        return Map.of(GrandOptions.LAYERS, "dense layers from LAYER_INPUTS/LAYER_OUTPUT_GRADS (comma-separated)",
                GrandOptions.PARAM_GROUPS, "parameter groups from PARAM_GRADS (comma-separated)",
                GrandOptions.EMBEDDINGS, "true: add the word embeddings from EMBEDDING_GRADS and TOKEN_IDS (default false)",
                GrandOptions.BIAS, "true (default): the factored layers have a bias",
                GrandOptions.CHECKPOINTS, "comma-separated checkpoint ids (default: all holding the selected groups)");
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return GrandScorer.of(store, GrandOptions.fromMap(options));
    }
}
