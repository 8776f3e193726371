package io.github.influence4j.scorers.confidence;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers the data map's correctness ({@link DataMapScorer#correctness()}) as {@code "data-map-correctness"} with {@link io.github.influence4j.core.InfluenceScorers}.
 * Options: {@code checkpoints} (comma-separated ids).
 */
public final class DataMapCorrectnessProvider implements InfluenceScorerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public DataMapCorrectnessProvider() {
    }

    @Override
    public String name() {
        return DataMapScorer.CORRECTNESS;
    }

    @Override
    public String description() {
        return "data-map correctness: fraction of checkpoints with argmax = y (Swayamdipta et al. 2020); lower is harder";
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
        return DataMapScorer.of(store, DataMapOptions.fromMap(name(), options)).correctness();
    }
}
