// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns scores into a training subset (docs/DESIGN.md section 4; Tan, Minakova and Anand, "Influence
 * Scores at Scale for Efficient Language Data Sampling", EMNLP 2023). Implementations are immutable
 * and thread-safe; the same scores, labels and seed always give the same {@link Selection}.
 *
 * <pre>{@code
 * SelectionPolicy policy = Selections.parse("prune-easy:0.3");      // or Selections.pruneEasy(0.3)
 * Selection s = policy.select(vogScores, labels, 42L);
 * int[] trainOn = s.keptIds();
 * }</pre>
 *
 * <p>Labels are optional unless the policy balances classes ({@link #usesLabels()}): pass them
 * aligned with {@link InfluenceScores#exampleIds()} to have per-class counts recorded, or use
 * {@link #select(InfluenceScores, long)}.
 */
public interface SelectionPolicy {
    /** @return the policy's name as it appears in a spec: {@code prune-easy}, {@code softmax}, ... */
    String name();

    /** @return every parameter, defaults included, as spec strings, in the canonical spec's fixed order */
    Map<String, String> parameters();

    /**
     * @return the canonical spec, {@code name:key=value,...}; {@link Selections#parse} of it gives an
     *     equal policy
     */
    default String spec() {
        Map<String, String> p = parameters();
        return p.isEmpty() ? name() : name() + ":" + p.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** @return true if {@link #select(InfluenceScores, int[], long)} needs labels (class balancing) */
    boolean usesLabels();

    /**
     * @param scores the scores to select by (no NaN; at least one example)
     * @param labels one label per score, aligned with {@link InfluenceScores#exampleIds()}, or an empty
     *     array for none (then no class counts are recorded)
     * @param seed the random seed (recorded, and unused by the deterministic rank policies)
     * @return the selection
     * @throws IllegalArgumentException for empty scores, labels of the wrong length, or labels missing
     *     for a class-balanced policy
     * @throws io.github.influence4j.core.exception.NumericalException for NaN scores
     */
    Selection select(InfluenceScores scores, int[] labels, long seed);

    /**
     * Selects without labels.
     *
     * @param scores the scores
     * @param seed the random seed
     * @return the selection, with empty class counts
     * @throws IllegalArgumentException if the policy needs labels
     */
    default Selection select(InfluenceScores scores, long seed) {
        return select(scores, ScoreInputs.NO_LABELS, seed);
    }
}
