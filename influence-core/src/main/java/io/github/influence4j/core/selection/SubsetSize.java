// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

/**
 * How many examples a sampling policy keeps, named the way the user thinks of it: a fraction to
 * keep ({@code keep=0.7}) or a fraction to prune ({@code prune=0.3}).
 *
 * @param kind whether {@link #fraction()} is the kept or the pruned share
 * @param fraction in [0, 1]
 * @implNote The named count is {@code round(fraction x N)} with halves rounded up, computed exactly
 *     in decimal from the fraction's shortest decimal form (so 0.35 of 10 is 4); the other side is
 *     the rest. {@code keep=0.75} and {@code prune=0.25} can therefore differ by one example when
 *     {@code fraction x N} ends in exactly .5.
 */
public record SubsetSize(Kind kind, double fraction) {
    /** Which share the fraction names. */
    public enum Kind {
        /** The fraction kept. */
        KEEP,
        /** The fraction pruned. */
        PRUNE
    }

    /**
     * Validates the components.
     *
     * @param kind see the class description
     * @param fraction see the class description
     * @throws IllegalArgumentException if the fraction is outside [0, 1]
     */
    public SubsetSize {
        java.util.Objects.requireNonNull(kind, "kind");
        Counts.checkFraction(fraction, kind == Kind.KEEP ? "keep" : "prune");
    }

    /**
     * @param fraction the share to keep, in [0, 1]
     * @return the size
     */
    public static SubsetSize keep(double fraction) {
        return new SubsetSize(Kind.KEEP, fraction);
    }

    /**
     * @param fraction the share to prune, in [0, 1]
     * @return the size
     */
    public static SubsetSize prune(double fraction) {
        return new SubsetSize(Kind.PRUNE, fraction);
    }

    /**
     * @param n the number of examples
     * @return the named count, {@code round(fraction x n)} (halves up)
     */
    public int namedCount(int n) {
        return Counts.of(fraction, n);
    }

    /**
     * @param n the number of examples
     * @return how many are kept
     */
    public int keepCount(int n) {
        int named = namedCount(n);
        return kind == Kind.KEEP ? named : n - named;
    }

    /** @return {@code keep} or {@code prune}, the spec key */
    public String specKey() {
        return kind == Kind.KEEP ? "keep" : "prune";
    }
}
