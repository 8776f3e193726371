// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The spark-submit entry point, spark-score, with the scorer names and options of influence4j score (docs/SCALE.md section 6).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.spark.cli;
