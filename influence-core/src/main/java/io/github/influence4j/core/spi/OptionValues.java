// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Option values for a scorer: immutable, typed by {@link Option}. Values set in code start here;
 * {@link ScorerDefinition#resolve} checks them against the scorer's options (unknown keys, types,
 * lists) and fills in the defaults, and {@link ScorerDefinition#parse} does the same from strings.
 *
 * <pre>{@code
 * OptionValues o = OptionValues.builder().set(ScorerOptions.SPREAD, Spread.STD)
 *         .set(ScorerOptions.CHECKPOINTS, List.of("epoch-1", "epoch-2")).build();
 * InfluenceScores vog = Scorers.vog(store, o).score();
 * }</pre>
 */
public final class OptionValues {
    private static final OptionValues NONE = new OptionValues(Map.of());

    private final Map<Option<?>, Object> values;

    OptionValues(Map<Option<?>, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return no value set: every option takes its default */
    public static OptionValues defaults() {
        return NONE;
    }

    /**
     * @param option an option
     * @param value its value
     * @param <T> the value type
     * @return values with that one option set
     */
    public static <T> OptionValues of(Option<T> option, T value) {
        return builder().set(option, value).build();
    }

    /** @return a builder; each option may be set once */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param option an option
     * @param <T> its type
     * @return the value set, or the option's default
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object v = values.get(option);
        return v == null ? option.defaultValue() : (T) v;
    }

    /**
     * @param option an option
     * @return true if a value is held for it (after {@link ScorerDefinition#resolve}, every option
     *     of the scorer is held)
     */
    public boolean contains(Option<?> option) {
        return values.containsKey(option);
    }

    /** @return the options held, in order */
    public java.util.Set<Option<?>> options() {
        return values.keySet();
    }

    /**
     * The values as strings, sorted by key, for provenance and for the string API
     * ({@link ScorerDefinition#parse} reads them back): empty lists are left out.
     *
     * @return key to value
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((o, v) -> {
            if (!(o.isList() && ((java.util.List<?>) v).isEmpty())) {
                m.put(o.key(), ((Option) o).format(v));
            }
        });
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionValues other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** Builds {@link OptionValues}; each option may be set once. */
    public static final class Builder {
        private final Map<Option<?>, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param option the option
         * @param value its value
         * @param <T> the value type
         * @return this builder
         * @throws IllegalStateException if the option was set already
         */
        public <T> Builder set(Option<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, option.key());
            if (values.containsKey(option)) {
                throw new IllegalStateException("option " + option.key() + " was already set to "
                        + values.get(option));
            }
            values.put(option, value);
            return this;
        }

        /** @return the values */
        public OptionValues build() {
            return new OptionValues(values);
        }
    }
}
