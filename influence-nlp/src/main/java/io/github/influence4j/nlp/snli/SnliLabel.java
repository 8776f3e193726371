// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.snli;

import java.util.Optional;

/**
 * The three SNLI gold labels, in the class-index order used throughout influence4j.
 *
 * <p>Pairs whose gold label is {@code -} (no annotator majority) are not a label: readers drop them
 * (Bowman et al. 2015, Sec. 2.2).
 */
public enum SnliLabel {
    /** The hypothesis follows from the premise; class index 0. */
    ENTAILMENT("entailment"),
    /** Neither follows nor contradicts; class index 1. */
    NEUTRAL("neutral"),
    /** The hypothesis contradicts the premise; class index 2. */
    CONTRADICTION("contradiction");

    private final String text;

    SnliLabel(String text) {
        this.text = text;
    }

    /** @return the label as written in the SNLI files */
    public String text() {
        return text;
    }

    /** @return the class index, 0..2 */
    public int index() {
        return ordinal();
    }

    /**
     * @param text a gold label as written in the SNLI files
     * @return the label, or empty for {@code -} (no majority)
     * @throws IllegalArgumentException for any other text
     */
    public static Optional<SnliLabel> parse(String text) {
        String t = text.trim();
        if (t.equals("-")) {
            return Optional.empty();
        }
        for (SnliLabel l : values()) {
            if (l.text.equals(t)) {
                return Optional.of(l);
            }
        }
        throw new IllegalArgumentException("unknown SNLI gold label '" + text
                + "'; expected entailment, neutral, contradiction or -");
    }
}
