package io.github.influence4j.core;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses scorer options given as strings (through the SPI or the CLI), in one place, with the
 * field and the value in every message. Unknown keys and unparsable values are errors, never
 * ignored: call {@link #finish()} after reading every option.
 *
 * <pre>{@code
 * OptionReader r = OptionReader.of("vog", options);
 * Spread spread = r.enumValue("spread", Spread.class, Spread.VARIANCE);
 * r.finish();
 * }</pre>
 */
public final class OptionReader {
    private final String scorer;
    private final Map<String, String> options;
    private final Set<String> read = new HashSet<>();

    private OptionReader(String scorer, Map<String, String> options) {
        this.scorer = scorer;
        this.options = new TreeMap<>(options);
    }

    /**
     * @param scorer the scorer's name, for messages
     * @param options the options as given
     * @return a reader
     */
    public static OptionReader of(String scorer, Map<String, String> options) {
        return new OptionReader(scorer, options);
    }

    /**
     * @param key the option
     * @return true if it was given
     */
    public boolean has(String key) {
        read.add(key);
        return options.containsKey(key);
    }

    /**
     * @param key the option
     * @param fallback the default
     * @return the raw string
     */
    public String string(String key, String fallback) {
        read.add(key);
        return options.getOrDefault(key, fallback).strip();
    }

    /**
     * @param key the option
     * @param type the enum type
     * @param fallback the default
     * @param <E> the enum
     * @return the value, matched case-insensitively, with {@code -} read as {@code _}
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        read.add(key);
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        String norm = v.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        throw bad(key, v, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /**
     * @param key the option
     * @param fallback the default
     * @param min the smallest allowed value
     * @return the value
     */
    public int intValue(String key, int fallback, int min) {
        read.add(key);
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int x = Integer.parseInt(v.strip());
            if (x < min) {
                throw bad(key, v, "an integer >= " + min);
            }
            return x;
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer >= " + min);
        }
    }

    /**
     * @param key the option
     * @param fallback the default
     * @return the value, finite
     */
    public double doubleValue(String key, double fallback) {
        read.add(key);
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (!Double.isFinite(x)) {
                throw bad(key, v, "a finite number");
            }
            return x;
        } catch (NumberFormatException e) {
            throw bad(key, v, "a finite number");
        }
    }

    /**
     * @param key the option
     * @param fallback the default
     * @return {@code true}/{@code false} (case-insensitive)
     */
    public boolean booleanValue(String key, boolean fallback) {
        read.add(key);
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /**
     * @param key the option
     * @return the comma-separated list, blanks dropped; empty if not given
     */
    public java.util.List<String> list(String key) {
        read.add(key);
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            return java.util.List.of();
        }
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @throws ConfigurationException if an option was given that no read asked for
     */
    public void finish() {
        Set<String> unknown = new java.util.TreeSet<>(options.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("scorer '" + scorer + "' has no option " + unknown + "; its options are "
                    + new java.util.TreeSet<>(read));
        }
    }

    private ConfigurationException bad(String key, String value, String expected) {
        return new ConfigurationException("scorer '" + scorer + "': option " + key + "='" + value + "' is invalid;"
                + " expected " + expected);
    }
}
