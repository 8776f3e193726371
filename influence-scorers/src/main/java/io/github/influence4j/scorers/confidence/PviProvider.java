package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@link PviScorer} as {@code "pvi"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code checkpoints} (comma-separated ids).
 */
public final class PviProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public PviProvider() {
    }

    @Override
    public String name() {
        return PviScorer.NAME;
    }

    @Override
    public String description() {
        return "pointwise V-information: log2 p_x(y) - log2 p_null(y) from LOGITS and NULL_LOGITS (Ethayarajh et al. 2022); lower is harder";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.NULL_LOGITS, ArtifactKind.LABELS);
    }

    @Override
    public Map<String, String> options() {
        return Map.of("checkpoints", "comma-separated checkpoint ids, averaged (default: the last holding LOGITS and NULL_LOGITS)");
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return PviScorer.of(store, PviOptions.fromMap(options));
    }
}
