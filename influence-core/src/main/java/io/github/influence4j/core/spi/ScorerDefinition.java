// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.InfluenceScorer;
import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything known about a scorer before it sees a store: its name, one line saying what it
 * measures, which end is hard, the artifact kinds it reads, its typed options and a factory. Option
 * parsing, defaults, the set-once builder, {@code toMap}/{@code fromMap}, discovery through
 * {@link InfluenceScorerProvider} and the CLI's help all derive from it.
 *
 * <pre>{@code
 * static final ScorerDefinition LOSS_MEAN = ScorerDefinition.builder("loss-mean")
 *         .description("mean training loss over checkpoints; higher is harder")
 *         .orientation(Orientation.HIGHER_IS_HARDER)
 *         .requires(ArtifactKind.LOSS)
 *         .option(CHECKPOINTS)
 *         .factory((def, store, options) -> ScoringEngine.scorer(def, store, options, new LossMean(store, options)))
 *         .build();
 * }</pre>
 */
public final class ScorerDefinition {
    /**
     * Creates a scorer for a store from resolved options (every option of the definition present).
     * Resolve what depends on the store (checkpoints, layers) here, so that a missing artifact fails
     * at creation, not mid-run.
     */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param definition the definition (name, orientation, options)
         * @param store the store to score
         * @param options resolved options
         * @return the scorer
         */
        InfluenceScorer create(ScorerDefinition definition, TrainingArtifactStore store, OptionValues options);
    }

    private final String name;
    private final String description;
    private final Orientation orientation;
    private final Set<ArtifactKind> requires;
    private final Map<String, Option<?>> options;
    private final String version;
    private final Factory factory;

    private ScorerDefinition(Builder b) {
        this.name = b.name;
        this.description = Objects.requireNonNull(b.description, "description");
        this.orientation = Objects.requireNonNull(b.orientation, "orientation");
        this.requires = b.requires.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.requires));
        this.options = new LinkedHashMap<>(b.options);
        this.version = b.version;
        this.factory = Objects.requireNonNull(b.factory, "factory");
    }

    /**
     * @param name the stable kebab-case name users ask for, unique on the classpath
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the stable kebab-case name, e.g. {@code "vog"} */
    public String name() {
        return name;
    }

    /** @return one line: what the score measures, where it comes from, which end is hard */
    public String description() {
        return description;
    }

    /** @return which end of the score holds the hard examples */
    public Orientation orientation() {
        return orientation;
    }

    /** @return the artifact kinds the scorer reads with its default options */
    public Set<ArtifactKind> requiredArtifacts() {
        return requires;
    }

    /** @return the options, in documentation order */
    public List<Option<?>> options() {
        return List.copyOf(options.values());
    }

    /** @return the implementation's version, recorded in provenance */
    public String version() {
        return version;
    }

    /** @return every option with its documentation and default, for help text (key to line) */
    public Map<String, String> optionHelp() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Option<?> o : options.values()) {
            m.put(o.key(), o.doc() + defaultText(o));
        }
        return m;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String defaultText(Option<?> o) {
        String d = ((Option) o).format(o.defaultValue());
        return d.isEmpty() || o.doc().contains("default") ? "" : " (default " + d + ")";
    }

    /**
     * Checks values set in code against this scorer's options and fills in the defaults.
     *
     * @param values the values set
     * @return every option of this scorer with its value
     * @throws ConfigurationException for an option this scorer does not take, or a bad value
     */
    public OptionValues resolve(OptionValues values) {
        Map<Option<?>, Object> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Option<?> given : values.options()) {
            Option<?> mine = options.get(given.key());
            if (mine == null) {
                unknown.add(given.key());
            } else {
                out.put(mine, mine.check(name, values.get(given)));
            }
        }
        failOnUnknown(unknown);
        return withDefaults(out);
    }

    /**
     * Reads options given as strings (through {@link InfluenceScorers} or the CLI).
     *
     * @param strings key to value; missing keys take their defaults
     * @return every option of this scorer with its value
     * @throws ConfigurationException for an unknown key or an invalid value, naming both
     */
    public OptionValues parse(Map<String, String> strings) {
        Map<Option<?>, Object> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(strings).entrySet()) {
            Option<?> mine = options.get(e.getKey());
            if (mine == null) {
                unknown.add(e.getKey());
            } else {
                out.put(mine, mine.parse(name, e.getValue()));
            }
        }
        failOnUnknown(unknown);
        return withDefaults(out);
    }

    private void failOnUnknown(List<String> unknown) {
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("scorer '" + name + "' has no option " + new TreeSet<>(unknown)
                    + "; its options are " + new TreeSet<>(options.keySet()));
        }
    }

    private OptionValues withDefaults(Map<Option<?>, Object> given) {
        Map<Option<?>, Object> all = new LinkedHashMap<>();
        for (Option<?> o : options.values()) {
            all.put(o, given.containsKey(o) ? given.get(o) : o.defaultValue());
        }
        return new OptionValues(all);
    }

    /**
     * @param store the store
     * @return the scorer with default options
     */
    public InfluenceScorer create(TrainingArtifactStore store) {
        return create(store, OptionValues.defaults());
    }

    /**
     * @param store the store
     * @param values options set in code
     * @return the scorer
     * @throws ConfigurationException for a bad option
     * @throws io.github.influence4j.core.exception.MissingArtifactException if the store lacks what it reads
     */
    public InfluenceScorer create(TrainingArtifactStore store, OptionValues values) {
        return factory.create(this, Objects.requireNonNull(store, "store"), resolve(values));
    }

    /**
     * @param store the store
     * @param strings options as strings
     * @return the scorer
     * @throws ConfigurationException for an unknown key or a bad value
     */
    public InfluenceScorer create(TrainingArtifactStore store, Map<String, String> strings) {
        return factory.create(this, Objects.requireNonNull(store, "store"), parse(strings));
    }

    @Override
    public String toString() {
        return "ScorerDefinition[" + name + ", options=" + options.keySet() + "]";
    }

    /** Builds a {@link ScorerDefinition}. */
    public static final class Builder {
        private final String name;
        private String description;
        private Orientation orientation;
        private final Set<ArtifactKind> requires = new java.util.HashSet<>();
        private final Map<String, Option<?>> options = new LinkedHashMap<>();
        private String version = "1";
        private Factory factory;

        private Builder(String name) {
            if (!name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("scorer names are kebab-case, was '" + name + "'");
            }
            this.name = name;
        }

        /**
         * @param text one line: what the score measures and which end is hard
         * @return this builder
         */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /**
         * @param o which end is hard
         * @return this builder
         */
        public Builder orientation(Orientation o) {
            this.orientation = o;
            return this;
        }

        /**
         * @param kinds artifact kinds read with the default options
         * @return this builder
         */
        public Builder requires(ArtifactKind... kinds) {
            requires.addAll(List.of(kinds));
            return this;
        }

        /**
         * @param all options, in documentation order
         * @return this builder
         * @throws IllegalArgumentException if two options share a key
         */
        public Builder option(Option<?>... all) {
            for (Option<?> o : all) {
                if (options.putIfAbsent(o.key(), o) != null) {
                    throw new IllegalArgumentException(name + ": option " + o.key() + " listed twice");
                }
            }
            return this;
        }

        /**
         * @param v the implementation's version (default "1"); change it when scores change
         * @return this builder
         */
        public Builder version(String v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /**
         * @param f makes the scorer for a store
         * @return this builder
         */
        public Builder factory(Factory f) {
            this.factory = f;
            return this;
        }

        /** @return the definition */
        public ScorerDefinition build() {
            return new ScorerDefinition(this);
        }
    }
}
