// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A typed scorer option: its key, its default, how it is read from and written to a string, the
 * values it allows and one line of documentation. A {@link ScorerDefinition} lists the options a
 * scorer takes; parsing, the set-once builder, {@code toMap}/{@code fromMap}, the provider and the
 * CLI's {@code score --list} help are all derived from that list.
 *
 * <pre>{@code
 * static final Option<Spread> SPREAD = Option.enumeration("spread", Spread.class, Spread.VARIANCE,
 *         "VARIANCE (Tan et al. 2023) or STD (Agarwal et al. 2022)");
 * static final Option<List<String>> CHECKPOINTS = Option.list("checkpoints", "checkpoint ids (default: all)");
 * }</pre>
 *
 * <p>Options are immutable values compared by key: two options with one key in one definition are an
 * error. A list option whose value is empty is left out of {@link OptionValues#toMap()} (it means
 * "the default selection"); every other option is always written, so provenance shows the value in
 * force.
 *
 * @param <T> the value type
 */
public final class Option<T> {
    private final String key;
    private final Class<?> type;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final String expected;

    private Option(String key, Class<?> type, T defaultValue, String doc, Function<String, T> parser,
            Function<T, String> formatter, String expected) {
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option keys are kebab-case, was '" + key + "'");
        }
        this.key = key;
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.parser = parser;
        this.formatter = formatter;
        this.expected = expected;
    }

    /**
     * @param key the kebab-case key
     * @param defaultValue the default
     * @param doc one line for the help
     * @return a {@code true}/{@code false} option (case-insensitive)
     */
    public static Option<Boolean> bool(String key, boolean defaultValue, String doc) {
        return new Option<>(key, Boolean.class, defaultValue, doc, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        }, String::valueOf, "true or false");
    }

    /**
     * @param key the kebab-case key
     * @param defaultValue the default
     * @param doc one line for the help
     * @return a free-form string option (stripped)
     */
    public static Option<String> string(String key, String defaultValue, String doc) {
        return new Option<>(key, String.class, defaultValue, doc, v -> v, v -> v, "a string");
    }

    /**
     * @param key the kebab-case key
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param doc one line for the help
     * @return an integer option
     */
    public static Option<Integer> integer(String key, int defaultValue, int min, String doc) {
        return new Option<>(key, Integer.class, defaultValue, doc, v -> {
            try {
                int x = Integer.parseInt(v);
                return x >= min ? x : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }, String::valueOf, "an integer >= " + min);
    }

    /**
     * @param key the kebab-case key
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param doc one line for the help
     * @return a long option
     */
    public static Option<Long> longValue(String key, long defaultValue, long min, String doc) {
        return new Option<>(key, Long.class, defaultValue, doc, v -> {
            try {
                long x = Long.parseLong(v);
                return x >= min ? x : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }, String::valueOf, "an integer >= " + min);
    }

    /**
     * @param key the kebab-case key
     * @param type the enum
     * @param defaultValue the default
     * @param doc one line for the help
     * @param <E> the enum
     * @return an option read case-insensitively, with {@code -} read as {@code _}
     */
    public static <E extends Enum<E>> Option<E> enumeration(String key, Class<E> type, E defaultValue, String doc) {
        return new Option<>(key, type, defaultValue, doc, v -> {
            String norm = v.toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(norm)) {
                    return e;
                }
            }
            return null;
        }, Enum::name, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /**
     * A comma-separated list of distinct, non-blank names (checkpoint ids, layer names); default
     * empty.
     *
     * @param key the kebab-case key
     * @param doc one line for the help
     * @return the option
     */
    @SuppressWarnings("unchecked")
    public static Option<List<String>> list(String key, String doc) {
        return new Option<>(key, List.class, List.of(), doc, v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList(), l -> String.join(",", l),
                "a comma-separated list");
    }

    /** @return the key */
    public String key() {
        return key;
    }

    /** @return the default value */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return one line of documentation */
    public String doc() {
        return doc;
    }

    /** @return what a valid value looks like, e.g. {@code "one of [VARIANCE, STD]"} */
    public String expected() {
        return expected;
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param text the value as given
     * @return the value
     * @throws ConfigurationException naming the scorer, the key and the value if it is invalid
     */
    public T parse(String scorer, String text) {
        T v = parser.apply(text.strip());
        if (v == null) {
            throw new ConfigurationException("scorer '" + scorer + "': option " + key + "='" + text
                    + "' is invalid; expected " + expected);
        }
        return check(scorer, v);
    }

    /**
     * @param value a value of this option
     * @return its string form, which {@link #parse} reads back
     */
    public String format(T value) {
        return formatter.apply(value);
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param value a value set in code
     * @return the value, copied if it is a list
     * @throws ConfigurationException for a value of the wrong type, or a blank or repeated list entry
     */
    @SuppressWarnings("unchecked")
    T check(String scorer, Object value) {
        Objects.requireNonNull(value, key);
        if (!type.isInstance(value)) {
            throw new ConfigurationException("scorer '" + scorer + "': option " + key + " takes "
                    + type.getSimpleName() + ", was " + value.getClass().getSimpleName());
        }
        if (value instanceof List<?> l) {
            Set<Object> seen = new HashSet<>();
            for (Object o : l) {
                if (!(o instanceof String s) || s.isBlank() || !seen.add(s)) {
                    throw new ConfigurationException("scorer '" + scorer + "': option " + key + " has "
                            + (o instanceof String s && !s.isBlank() ? "'" + s + "' twice" : "a blank entry")
                            + " in " + l);
                }
            }
            return (T) List.copyOf((List<String>) l);
        }
        return (T) value;
    }

    /** @return true for list options, whose empty value is left out of {@link OptionValues#toMap()} */
    boolean isList() {
        return type == List.class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option<?> other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
