// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import java.io.Serializable;

/**
 * What one task computed for one shard: a value per example of the shard (in id order, starting
 * at the set id {@code from}, or at the set ids {@code ids}), the gold labels where a global
 * normalisation needs them, and the shard's provenance as JSON.
 *
 * @param shard the shard's index in the set
 * @param from the set id of the shard's first example
 * @param ids the set id of each example, or an empty array for {@code from, from + 1, ...}
 * @param values one value per example
 * @param labels the gold labels, or an empty array
 * @param provenance the shard's provenance (JSON)
 */
record ShardScores(int shard, int from, int[] ids, double[] values, int[] labels, String provenance)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
