// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

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

    /**
     * Copies the collections.
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
        return builder(scorer).version(scorerVersion).options(options).store(store.id(), store.manifestHash())
                .checkpoints(checkpoints).backend(backendName()).build();
    }

    /**
     * A provenance built field by field, for scores that do not come from a scorer over a store (a
     * file read back, a baseline): the environment fields are this JVM's, the time is now, the
     * backend {@code "none"} (no ND4J backend is loaded for it) and the rest empty until set.
     *
     * <pre>{@code
     * ScoreProvenance p = ScoreProvenance.builder("random").version("1").store("snli", "").build();
     * }</pre>
     *
     * @param scorer the scorer's (or score's) name
     * @return a builder
     */
    public static Builder builder(String scorer) {
        return new Builder(scorer);
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

    /** Builds a {@link ScoreProvenance}; fields not set keep the defaults of {@link #builder(String)}. */
    public static final class Builder {
        private final String scorer;
        private String version = "";
        private Map<String, String> options = Map.of();
        private String storeId = "";
        private String manifestHash = "";
        private List<String> checkpoints = List.of();
        private String backend = "none";
        private String libraryVersion = currentLibraryVersion();
        private String javaVersion = System.getProperty("java.version", "?");
        private String platform = System.getProperty("os.name", "?") + "/" + System.getProperty("os.arch", "?");
        private Instant time = Instant.now();

        private Builder(String scorer) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
        }

        /**
         * @param v the scorer implementation's version
         * @return this builder
         */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /**
         * @param o the options in force, as strings
         * @return this builder
         */
        public Builder options(Map<String, String> o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        /**
         * @param id the store's id (or where the values came from)
         * @param hash the store's manifest hash, or empty
         * @return this builder
         */
        public Builder store(String id, String hash) {
            this.storeId = Objects.requireNonNull(id, "id");
            this.manifestHash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /**
         * @param ids ids of the checkpoints used, in order
         * @return this builder
         */
        public Builder checkpoints(List<String> ids) {
            this.checkpoints = Objects.requireNonNull(ids, "checkpoints");
            return this;
        }

        /**
         * @param name the ND4J backend class
         * @return this builder
         */
        public Builder backend(String name) {
            this.backend = Objects.requireNonNull(name, "backend");
            return this;
        }

        /**
         * @param java {@code java.version}
         * @param os OS name and architecture
         * @param library influence4j's version
         * @return this builder
         */
        public Builder environment(String java, String os, String library) {
            this.javaVersion = Objects.requireNonNull(java, "java");
            this.platform = Objects.requireNonNull(os, "os");
            this.libraryVersion = Objects.requireNonNull(library, "library");
            return this;
        }

        /**
         * @param t when the values were computed
         * @return this builder
         */
        public Builder time(Instant t) {
            this.time = Objects.requireNonNull(t, "time");
            return this;
        }

        /** @return the provenance */
        public ScoreProvenance build() {
            return new ScoreProvenance(scorer, version, options, storeId, manifestHash, checkpoints, backend, "float64",
                    libraryVersion, javaVersion, platform, time);
        }
    }
}
