// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Map;
import java.util.Objects;

/**
 * Prune or keep the easiest or hardest fraction by rank, a hard cut-off (Tan et al. 2023, Sec. 2:
 * "prune easy" and "prune hard" at 10 to 50%; Paul et al. 2021; Toneva et al. 2019), respecting the
 * score's {@link io.github.influence4j.core.Orientation}. Deterministic: the seed is recorded only.
 *
 * <p>Spec: {@code prune-easy:0.3}, {@code prune-hard:fraction=0.3,class-balanced=true},
 * {@code keep-easy:0.7}, {@code keep-hard:0.7}.
 *
 * @param size the named fraction: {@code PRUNE} for prune-easy/prune-hard, {@code KEEP} for
 *     keep-easy/keep-hard
 * @param end the end the named fraction is taken from
 * @param classBalanced share the named count over classes in proportion to their sizes (largest
 *     remainder) and cut within each class, so that no class is starved
 * @implNote The ranking is one total order: hardness ascending, equal scores by example id ascending
 *     (a lower id counts as easier); the easiest k are its prefix and the hardest k its suffix, so
 *     {@code prune-easy:f} and {@code keep-hard:1-f} agree whenever their rounded counts do. The named
 *     count is {@code round(f x N)}, halves up, computed exactly in decimal ({@link SubsetSize}).
 *     Class-balanced: class c of size {@code n_c} gets {@code floor(T n_c / N)} of the named count
 *     {@code T}, and the remainder goes one each to the classes with the largest
 *     {@code (T n_c) mod N}, equal remainders to the smaller label; then the same cut runs per class.
 */
public record RankSelection(SubsetSize size, Difficulty end, boolean classBalanced) implements SelectionPolicy {

    /**
     * Checks for null.
     *
     * @param size see the class description
     * @param end see the class description
     * @param classBalanced see the class description
     */
    public RankSelection {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(end, "end");
    }

    @Override
    public String name() {
        return (size.kind() == SubsetSize.Kind.KEEP ? "keep-" : "prune-") + end.specName();
    }

    @Override
    public Map<String, String> parameters() {
        return Params.of("fraction", Double.toString(size.fraction()), "class-balanced", Boolean.toString(classBalanced));
    }

    @Override
    public boolean usesLabels() {
        return classBalanced;
    }

    /** @return the class-balanced variant of this policy */
    public RankSelection classBalancedVariant() {
        return new RankSelection(size, end, true);
    }

    @Override
    public Selection select(InfluenceScores scores, int[] labels, long seed) {
        double[] hardness = ScoreInputs.hardness(scores, name());
        ScoreInputs.checkLabels(scores, labels, classBalanced, name() + (classBalanced ? " (class-balanced)" : ""));
        int[] easyFirst = ScoreInputs.easyFirst(hardness);
        int[] namedEndFirst = end == Difficulty.EASY ? easyFirst : ScoreInputs.reversed(easyFirst);
        boolean keep = size.kind() == SubsetSize.Kind.KEEP;
        int[] keepFirst = keep ? namedEndFirst : ScoreInputs.reversed(namedEndFirst);
        return Selector.take(this, scores, labels, seed, keepFirst, size.namedCount(scores.size()), keep,
                classBalanced);
    }
}
