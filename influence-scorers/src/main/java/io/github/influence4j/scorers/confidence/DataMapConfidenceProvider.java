package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers the data map's confidence ({@link DataMapScorer#confidence()}) as {@code "data-map-confidence"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code checkpoints} (comma-separated ids).
 */
public final class DataMapConfidenceProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public DataMapConfidenceProvider() {
    }

    @Override
    public String name() {
        return DataMapScorer.CONFIDENCE;
    }

    @Override
    public String description() {
        return "data-map confidence: mean over checkpoints of p(y) (Swayamdipta et al. 2020); lower is harder";
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
        return DataMapScorer.of(store, DataMapOptions.fromMap(name(), options)).confidence();
    }
}
