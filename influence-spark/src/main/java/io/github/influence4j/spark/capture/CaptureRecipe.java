// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.capture;

import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.samediff.CaptureSource;
import io.github.influence4j.samediff.GraphTaps;
import java.io.Serializable;

/**
 * What a post-hoc capture task needs besides the checkpoints: the graph's taps and the data of a
 * shard. Shipped to every task, so it must be serializable and cheap to ship: it should read its
 * data (from HDFS, from a resource) when asked, not carry it.
 */
public interface CaptureRecipe extends Serializable {
    /**
     * @return the variables of the saved graphs that capture reads (docs/DESIGN.md section 5.2)
     */
    GraphTaps taps();

    /**
     * @param shard the set's example ids of one shard
     * @return eval-mode batches of those examples, with ids {@code 0 .. shard.size() - 1} (the
     *     shard's own numbering)
     */
    CaptureSource source(ExampleRange shard);

    /**
     * @param shard the set's example ids of one shard
     * @return their gold labels, in id order (the shard's static {@code LABELS})
     */
    int[] labels(ExampleRange shard);
}
