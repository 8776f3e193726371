package io.github.influence4j.core;

import io.github.influence4j.core.store.TrainingArtifactStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a score came from: enough to reproduce it and to tell two runs apart.
 *
 * @param scorer the scorer's name
 * @param scorerVersion the scorer implementation's version
 * @param options the options in force, as strings (sorted)
 * @param storeId the store's id
 * @param manifestHash the store's manifest hash at scoring time
 * @param checkpoints ids of the checkpoints used, in order
 * @param backend the ND4J backend class
 * @param dataType the accumulation dtype ("float64")
 * @param libraryVersion influence4j's version
 * @param javaVersion {@code java.version}
 * @param platform OS name and architecture (floating point differs by platform)
 * @param time when scoring finished
 */
public record ScoreProvenance(String scorer, String scorerVersion, Map<String, String> options, String storeId,
        String manifestHash, List<String> checkpoints, String backend, String dataType, String libraryVersion,
        String javaVersion, String platform, Instant time) {

    /** Copies the collections. */
    public ScoreProvenance {
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
        checkpoints = List.copyOf(checkpoints);
        Objects.requireNonNull(time, "time");
    }

    /**
     * Fills the environment fields (backend, Java, platform, time) for a score computed now.
     *
     * @param scorer the scorer's name
     * @param scorerVersion its version
     * @param options the options in force
     * @param store the store scored
     * @param checkpoints ids of the checkpoints used
     * @return the provenance
     */
    public static ScoreProvenance of(String scorer, String scorerVersion, Map<String, String> options,
            TrainingArtifactStore store, List<String> checkpoints) {
        return new ScoreProvenance(scorer, scorerVersion, options, store.id(), store.manifestHash(), checkpoints,
                backendName(), "float64", currentLibraryVersion(), System.getProperty("java.version", "?"),
                System.getProperty("os.name", "?") + "/" + System.getProperty("os.arch", "?"), Instant.now());
    }

    /** @return influence4j's version, from the jar manifest, or "dev" when run from classes */
    public static String currentLibraryVersion() {
        String v = ScoreProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String backendName() {
        try {
            return Nd4j.getBackend().getClass().getSimpleName();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable";
        }
    }
}
