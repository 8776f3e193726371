package io.github.influence4j.scorers.vog;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@link VogScorer} as {@code "vog"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code spread} (VARIANCE | STD), {@code normalization} (CLASS | DATASET | NONE),
 * {@code checkpoints} (comma-separated ids).
 */
public final class VogProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public VogProvider() {
    }

    @Override
    public String name() {
        return VogScorer.NAME;
    }

    @Override
    public String description() {
        return "Variance of Gradients: spread of d(true-class logit)/d(input embeddings) across checkpoints"
                + " (Agarwal et al. 2022; Tan et al. 2023); higher is harder";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS);
    }

    @Override
    public Map<String, String> options() {
        return Map.of(VogOptions.SPREAD, "VARIANCE (default; Tan et al.) or STD (official VoG code)",
                VogOptions.NORMALIZATION, "CLASS (default; z-score within the gold class), DATASET or NONE",
                VogOptions.CHECKPOINTS, "comma-separated checkpoint ids (default: all holding INPUT_GRADS; >= 2)");
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return VogScorer.of(store, VogOptions.fromMap(options));
    }
}
