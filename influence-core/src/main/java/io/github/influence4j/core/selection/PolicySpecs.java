// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The spec parser behind {@link Selections#parse}. */
final class PolicySpecs {
    private static final Map<String, String> USAGE = new LinkedHashMap<>();

    static {
        for (String rank : new String[] {"prune-easy", "prune-hard", "keep-easy", "keep-hard"}) {
            USAGE.put(rank, rank + ":<fraction>[,class-balanced=true|false]  e.g. " + rank + ":0.3");
        }
        USAGE.put("softmax", "softmax:temperature=<T>,keep=<f>|prune=<f>[,favour=hard|easy][,class-balanced=true|false]"
                + "  e.g. softmax:temperature=0.5,keep=0.7");
        USAGE.put("linear", "linear:keep=<f>|prune=<f>[,eps=<e>][,favour=hard|easy][,class-balanced=true|false]"
                + "  e.g. linear:keep=0.7,eps=0.01");
        USAGE.put("random", "random:keep=<f>|prune=<f>[,class-balanced=true|false]  e.g. random:prune=0.3");
        USAGE.put("stratified", "stratified:keep=<f>|prune=<f>  e.g. stratified:keep=0.7");
    }

    private PolicySpecs() {
    }

    /** @return every policy name and its usage line */
    static Map<String, String> usage() {
        return java.util.Collections.unmodifiableMap(USAGE);
    }

    static SelectionPolicy parse(String spec) {
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new ConfigurationException("selection policy spec '" + spec + "' names no policy; expected one of "
                    + USAGE.keySet() + ", e.g. prune-easy:0.3");
        }
        String usage = USAGE.get(name);
        if (usage == null) {
            throw new ConfigurationException("selection policy spec '" + spec + "': unknown policy '" + name
                    + "'; expected one of " + USAGE.keySet() + ", e.g. prune-easy:0.3");
        }
        Args a = new Args(spec, usage, colon < 0 ? "" : trimmed.substring(colon + 1));
        try {
            SelectionPolicy p = switch (name) {
                case "prune-easy", "prune-hard", "keep-easy", "keep-hard" -> rank(name, a);
                case "softmax" -> new SoftmaxSampling(a.number("temperature", null), a.size(),
                        a.favour(), a.bool("class-balanced"));
                case "linear" -> new LinearSampling(a.number("eps", LinearSampling.DEFAULT_EPS), a.size(),
                        a.favour(), a.bool("class-balanced"));
                case "random" -> new RandomSampling(a.size(), a.bool("class-balanced"));
                case "stratified" -> new RandomSampling(a.size(), true);
                default -> throw new IllegalStateException(name);
            };
            a.finish();
            return p;
        } catch (IllegalArgumentException e) {
            throw a.error(e.getMessage(), e);
        }
    }

    private static SelectionPolicy rank(String name, Args a) {
        boolean keep = name.startsWith("keep-");
        double f = a.number("fraction", null);
        SubsetSize size = keep ? SubsetSize.keep(f) : SubsetSize.prune(f);
        return new RankSelection(size, name.endsWith("-easy") ? Difficulty.EASY : Difficulty.HARD,
                a.bool("class-balanced"));
    }

    /** Parsed {@code key=value} arguments; a bare first value is the rank policies' fraction. */
    private static final class Args {
        private final String spec;
        private final String usage;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> read = new TreeSet<>();

        Args(String spec, String usage, String body) {
            this.spec = spec;
            this.usage = usage;
            if (body.isBlank()) {
                return;
            }
            String[] parts = body.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.isEmpty()) {
                    throw error("argument " + (i + 1) + " is empty", null);
                }
                int eq = part.indexOf('=');
                String key;
                String value;
                if (eq < 0) {
                    if (i != 0 || !usage.contains("<fraction>")) {
                        throw error("'" + part + "' is not key=value (only a rank policy's fraction may be given"
                                + " bare, and only first)", null);
                    }
                    key = "fraction";
                    value = part;
                } else {
                    key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    value = part.substring(eq + 1).strip();
                }
                if (values.put(key, value) != null) {
                    throw error("'" + key + "' is given twice", null);
                }
            }
        }

        double number(String key, Double fallback) {
            read.add(key);
            String v = values.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw error("'" + key + "' is required", null);
                }
                return fallback;
            }
            try {
                double x = Double.parseDouble(v);
                if (!Double.isFinite(x)) {
                    throw error(key + "='" + v + "' is not a finite number", null);
                }
                return x;
            } catch (NumberFormatException e) {
                throw error(key + "='" + v + "' is not a number", e);
            }
        }

        boolean bool(String key) {
            read.add(key);
            String v = values.get(key);
            if (v == null) {
                return false;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(key + "='" + v + "' is not true or false", null);
            };
        }

        Difficulty favour() {
            read.add("favour");
            String v = values.getOrDefault("favour", "hard");
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "hard" -> Difficulty.HARD;
                case "easy" -> Difficulty.EASY;
                default -> throw error("favour='" + v + "' is not hard or easy", null);
            };
        }

        SubsetSize size() {
            boolean keep = values.containsKey("keep");
            boolean prune = values.containsKey("prune");
            if (keep == prune) {
                throw error(keep ? "give keep or prune, not both" : "'keep' or 'prune' is required", null);
            }
            double f = number(keep ? "keep" : "prune", null);
            return keep ? SubsetSize.keep(f) : SubsetSize.prune(f);
        }

        void finish() {
            Set<String> unknown = new TreeSet<>(values.keySet());
            unknown.removeAll(read);
            if (!unknown.isEmpty()) {
                throw error("unknown parameter" + (unknown.size() == 1 ? " " : "s ") + unknown, null);
            }
        }

        ConfigurationException error(String problem, Throwable cause) {
            String msg = "selection policy spec '" + spec + "': " + problem + "; usage: " + usage;
            return cause == null ? new ConfigurationException(msg) : new ConfigurationException(msg, cause);
        }
    }
}
