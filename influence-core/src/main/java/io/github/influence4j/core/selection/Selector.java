// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import io.github.influence4j.core.InfluenceScores;
import java.util.Arrays;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step every policy ends with: walk a keep-first priority order and keep examples until the
 * overall count, or each class's largest-remainder quota, is met; then record what was done.
 */
final class Selector {
    private static final Logger LOG = LoggerFactory.getLogger(Selector.class);

    private Selector() {
    }

    /**
     * @param policy the policy, for the record
     * @param scores the scores (validated by the caller)
     * @param labels labels aligned with the scores, or empty (validated by the caller)
     * @param seed the seed, for the record
     * @param keepFirst every index once, the one to keep first at the front
     * @param named the count the user named: kept if {@code namedIsKept}, else pruned
     * @param namedIsKept whether {@code named} counts kept or pruned examples
     * @param classBalanced whether {@code named} is shared over classes by largest remainder
     * @return the selection
     */
    static Selection take(SelectionPolicy policy, InfluenceScores scores, int[] labels, long seed, int[] keepFirst,
            int named, boolean namedIsKept, boolean classBalanced) {
        int n = scores.size();
        boolean[] kept = new boolean[n];
        if (classBalanced) {
            int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
            int[] cls = new int[n];
            int[] sizes = new int[classes.length];
            for (int i = 0; i < n; i++) {
                cls[i] = Arrays.binarySearch(classes, labels[i]);
                sizes[cls[i]]++;
            }
            int[] quota = Counts.largestRemainder(named, sizes);
            int[] left = new int[classes.length];
            for (int c = 0; c < classes.length; c++) {
                left[c] = namedIsKept ? quota[c] : sizes[c] - quota[c];
            }
            for (int i : keepFirst) {
                if (left[cls[i]] > 0) {
                    left[cls[i]]--;
                    kept[i] = true;
                }
            }
        } else {
            int keep = namedIsKept ? named : n - named;
            for (int j = 0; j < keep; j++) {
                kept[keepFirst[j]] = true;
            }
        }
        int[] ids = scores.exampleIds();
        int keptCount = 0;
        for (boolean k : kept) {
            keptCount += k ? 1 : 0;
        }
        int[] keptIds = new int[keptCount];
        int[] prunedIds = new int[n - keptCount];
        TreeMap<Integer, Integer> before = new TreeMap<>();
        TreeMap<Integer, Integer> after = new TreeMap<>();
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (kept[i]) {
                keptIds[a++] = ids[i];
            } else {
                prunedIds[b++] = ids[i];
            }
            if (labels.length > 0) {
                before.merge(labels[i], 1, Integer::sum);
                after.merge(labels[i], kept[i] ? 1 : 0, Integer::sum);
            }
        }
        Selection s = new Selection(policy.name(), policy.parameters(), policy.spec(), seed, scores.name(), keptIds,
                prunedIds, before, after);
        LOG.debug("{} on '{}' (seed {}): kept {} of {}{}", s.spec(), scores.name(), seed, keptCount, n,
                labels.length > 0 ? ", per class " + before + " -> " + after : "");
        return s;
    }
}
