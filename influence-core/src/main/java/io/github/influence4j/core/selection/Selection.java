// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link SelectionPolicy} did: the example ids it kept and pruned, and enough to redo and to
 * audit it (the policy, its parameters and canonical spec, the seed, the score, the per-class counts
 * before and after; Tan et al. 2023, Sec. 4 warn that influence pruning can starve small classes).
 *
 * @param policy the policy's name ({@code prune-easy}, {@code softmax}, ...)
 * @param parameters the policy's parameters, every one spelled out (in spec order)
 * @param spec the canonical spec; {@link Selections#parse} of it rebuilds the policy
 * @param seed the seed passed to the policy (recorded but unused by the deterministic rank policies)
 * @param scoreName the name of the scores selected from
 * @param keptIds the kept example ids, increasing
 * @param prunedIds the pruned example ids, increasing
 * @param classCountsBefore examples per label before selection; empty when no labels were given
 * @param classCountsAfter kept examples per label (0 for a class pruned away); empty when no labels
 * @implNote A record holding arrays: the compact constructor and the accessors copy them, and
 *     {@code equals}/{@code hashCode} compare their contents.
 */
public record Selection(String policy, Map<String, String> parameters, String spec, long seed, String scoreName,
        int[] keptIds, int[] prunedIds, SortedMap<Integer, Integer> classCountsBefore,
        SortedMap<Integer, Integer> classCountsAfter) {

    /**
     * Copies everything in; checks that the kept and pruned ids are increasing.
     *
     * @param policy see the class description
     * @param parameters see the class description
     * @param spec see the class description
     * @param seed see the class description
     * @param scoreName see the class description
     * @param keptIds see the class description
     * @param prunedIds see the class description
     * @param classCountsBefore see the class description
     * @param classCountsAfter see the class description
     */
    public Selection {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scoreName, "scoreName");
        parameters = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        keptIds = increasing(keptIds, "keptIds");
        prunedIds = increasing(prunedIds, "prunedIds");
        classCountsBefore = Collections.unmodifiableSortedMap(new TreeMap<>(classCountsBefore));
        classCountsAfter = Collections.unmodifiableSortedMap(new TreeMap<>(classCountsAfter));
    }

    private static int[] increasing(int[] ids, String what) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException(what + " must be strictly increasing, got " + ids[i - 1]
                        + " then " + ids[i] + " at index " + i);
            }
        }
        return ids.clone();
    }

    /** @return a copy of the kept ids, increasing */
    @Override
    public int[] keptIds() {
        return keptIds.clone();
    }

    /** @return a copy of the pruned ids, increasing */
    @Override
    public int[] prunedIds() {
        return prunedIds.clone();
    }

    /** @return how many examples were kept */
    public int keptCount() {
        return keptIds.length;
    }

    /** @return how many examples were pruned */
    public int prunedCount() {
        return prunedIds.length;
    }

    /** @return how many examples were selected from */
    public int total() {
        return keptIds.length + prunedIds.length;
    }

    /**
     * @param exampleId an example id
     * @return true if it was kept
     */
    public boolean isKept(int exampleId) {
        return Arrays.binarySearch(keptIds, exampleId) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection s && policy.equals(s.policy) && parameters.equals(s.parameters)
                && spec.equals(s.spec) && seed == s.seed && scoreName.equals(s.scoreName)
                && Arrays.equals(keptIds, s.keptIds) && Arrays.equals(prunedIds, s.prunedIds)
                && classCountsBefore.equals(s.classCountsBefore) && classCountsAfter.equals(s.classCountsAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, seed, scoreName, Arrays.hashCode(keptIds), Arrays.hashCode(prunedIds));
    }

    @Override
    public String toString() {
        return "Selection[" + spec + ", seed=" + seed + ", score=" + scoreName + ", kept " + keptIds.length + " of "
                + total() + (classCountsBefore.isEmpty() ? "" : ", per class " + classCountsBefore + " -> "
                + classCountsAfter) + "]";
    }
}
