package io.github.influence4j.core.spi;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Map;
import java.util.Set;

/**
 * Service-provider interface for scorers, found through {@link java.util.ServiceLoader}: list the
 * implementation's class name in
 * {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}. Built-in scorers
 * register the same way. Implementations need a public no-argument constructor.
 */
public interface InfluenceScorerProvider {
    /** @return the stable kebab-case name users ask for; unique across the classpath */
    String name();

    /** @return one line saying what the score measures and where it comes from */
    String description();

    /** @return the artifact kinds the scorer reads */
    Set<ArtifactKind> requiredArtifacts();

    /** @return the option keys accepted by {@link #create}, with a short description each */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * @param store the store to score
     * @param options options as strings; unknown keys and unparsable values are errors
     * @return the scorer
     * @throws io.github.influence4j.core.exception.ConfigurationException for a bad option or a missing kind
     */
    InfluenceScorer create(TrainingArtifactStore store, Map<String, String> options);
}
