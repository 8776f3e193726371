// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Post-hoc capture on Apache Spark from saved SameDiff checkpoints, one shard per task, committed atomically (docs/SCALE.md section 5).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.spark.capture;
