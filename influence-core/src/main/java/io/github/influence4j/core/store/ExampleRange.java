// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store;

/**
 * A half-open range {@code [from, to)} of example ids.
 *
 * @param from first example id, inclusive, {@code >= 0}
 * @param to last example id, exclusive, {@code >= from}
 */
public record ExampleRange(int from, int to) {
    /**
     * @param from first example id, inclusive, {@code >= 0}
     * @param to last example id, exclusive, {@code >= from}
     * @throws IllegalArgumentException if {@code from < 0} or {@code to < from}
     */
    public ExampleRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("invalid example range [" + from + ", " + to + ")");
        }
    }

    /**
     * @param from first id, inclusive
     * @param to last id, exclusive
     * @return the range
     */
    public static ExampleRange of(int from, int to) {
        return new ExampleRange(from, to);
    }

    /** @return the number of examples, {@code to - from} */
    public int size() {
        return to - from;
    }

    /**
     * @param id an example id
     * @return true if {@code from <= id < to}
     */
    public boolean contains(int id) {
        return id >= from && id < to;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
