// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * JMH benchmarks of the scorers on one chunk held in a memory store, through the public
 * {@code Scorers} entry points (VoG, data map, EL2N, AUM, forgetting, TracIn-WE self and top-k), and
 * of the float32-to-float64 conversion every scorer applies to a chunk ({@code ArtifactReads}).
 * Only public API is used: the accumulators are package-private and measured through the path
 * users call.
 * Run them with {@code java -cp ... org.openjdk.jmh.Main} (docs/BENCHMARKS.md).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.bench.jmh;
