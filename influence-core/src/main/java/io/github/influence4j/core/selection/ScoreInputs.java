// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.Orientation;

/** Validation shared by the policies and the analysis, and the orientation-aware hardness order. */
final class ScoreInputs {
    /** Passed by the label-free overloads. */
    static final int[] NO_LABELS = new int[0];

    private ScoreInputs() {
    }

    /**
     * Checks that the scores are non-empty and free of NaN and returns each example's hardness:
     * the value itself for {@code HIGHER_IS_HARDER}, its negation for {@code LOWER_IS_HARDER}, with
     * {@code -0.0} folded into {@code 0.0} so that the two zeros tie. Infinities are kept (forgetting's
     * never-learned examples may be {@code +Infinity}).
     *
     * @param scores the scores
     * @param who the caller, for messages
     * @return hardness, aligned with the scores
     */
    static double[] hardness(InfluenceScores scores, String who) {
        if (scores.size() == 0) {
            throw new IllegalArgumentException(who + ": scores '" + scores.name()
                    + "' are empty; there is nothing to select from or compare (score at least one example)");
        }
        double[] v = scores.values();
        int nan = 0;
        int first = -1;
        boolean negate = scores.orientation() == Orientation.LOWER_IS_HARDER;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                if (nan++ == 0) {
                    first = i;
                }
            }
            v[i] = (negate ? -v[i] : v[i]) + 0.0;
        }
        if (nan > 0) {
            throw new NumericalException(who + ": scores '" + scores.name() + "' hold " + nan + " NaN value"
                    + (nan == 1 ? "" : "s") + " of " + v.length + ", the first at example id "
                    + scores.exampleIds()[first] + "; a NaN has no rank. Drop those examples or fix the scorer"
                    + " input (see the scorer's NonFinitePolicy) before selecting");
        }
        return v;
    }

    /**
     * @param scores the scores
     * @param labels labels aligned with the scores, or empty for none
     * @param required whether the caller needs labels
     * @param who the caller, for messages
     */
    static void checkLabels(InfluenceScores scores, int[] labels, boolean required, String who) {
        if (labels.length == 0 && required) {
            throw new IllegalArgumentException(who + " needs one label per example (aligned with the scores'"
                    + " example ids) to balance classes; got none for " + scores.size() + " scores '"
                    + scores.name() + "'");
        }
        if (labels.length != 0 && labels.length != scores.size()) {
            throw new IllegalArgumentException(who + ": " + labels.length + " labels for " + scores.size()
                    + " scores '" + scores.name() + "'; give exactly one label per scored example, in the order of"
                    + " its example ids");
        }
    }

    /**
     * The library's one total order of difficulty: by hardness ascending, equal hardness by example id
     * ascending (index order, since ids increase with the index). "The easiest k" is a prefix of it and
     * "the hardest k" a suffix, so among tied scores a lower id counts as easier.
     *
     * @param hardness per-example hardness
     * @return indices, easiest first
     */
    static int[] easyFirst(double[] hardness) {
        return IndexSort.sorted(hardness.length, (a, b) -> {
            int c = Double.compare(hardness[a], hardness[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
    }

    /**
     * @param order an order
     * @return the same indices, reversed
     */
    static int[] reversed(int[] order) {
        int[] r = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = order[order.length - 1 - i];
        }
        return r;
    }
}
