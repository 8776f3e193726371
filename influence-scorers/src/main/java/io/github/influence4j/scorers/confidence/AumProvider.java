package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@link AumScorer} as {@code "aum"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code checkpoints} (comma-separated ids).
 */
public final class AumProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public AumProvider() {
    }

    @Override
    public String name() {
        return AumScorer.NAME;
    }

    @Override
    public String description() {
        return "AUM: mean over checkpoints of the logit margin z_y - max_{k != y} z_k (Pleiss et al. 2020); lower is harder";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
    }

    @Override
    public Map<String, String> options() {
        return Map.of("checkpoints", "comma-separated checkpoint ids (default: all holding LOGITS)");
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return AumScorer.of(store, AumOptions.fromMap(options));
    }
}
