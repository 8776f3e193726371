package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@link ForgettingScorer} as {@code "forgetting"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code checkpoints} (comma-separated ids), {@code never-learned} (CHECKPOINT_COUNT | INFINITY).
 */
public final class ForgettingProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public ForgettingProvider() {
    }

    @Override
    public String name() {
        return ForgettingScorer.NAME;
    }

    @Override
    public String description() {
        return "forgetting events: correct-to-incorrect transitions between consecutive checkpoints (Toneva et al. 2019); higher is harder";
    }

    @Override
    public Set<ArtifactKind> requiredArtifacts() {
        return EnumSet.of(ArtifactKind.LOGITS, ArtifactKind.LABELS);
    }

    @Override
    public Map<String, String> options() {
        return Map.of("checkpoints", "comma-separated checkpoint ids (default: all holding LOGITS)",
                ForgettingOptions.NEVER_LEARNED, "CHECKPOINT_COUNT (default: C) or INFINITY, the score of never-learned examples");
    }

    @Override
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options) {
        return ForgettingScorer.of(store, ForgettingOptions.fromMap(options));
    }
}
