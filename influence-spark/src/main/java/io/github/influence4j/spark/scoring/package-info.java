// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Scoring store sets on Apache Spark: any scorer per shard, two-phase global normalisations, TracIn train-to-test with merged top-k, selections on the result (docs/SCALE.md sections 3 and 4).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.spark.scoring;
