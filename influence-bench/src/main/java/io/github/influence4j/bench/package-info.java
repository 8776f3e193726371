// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Benchmarks of influence4j (issue 9, docs/BENCHMARKS.md): a bench main ({@link
 * io.github.influence4j.bench.BenchMain}) that prints scoring-throughput, memory, vocabulary-size,
 * oracle-comparison, store-read and encoder tables, a synthetic file-store generator, and JMH
 * benchmarks of the accumulators in {@code io.github.influence4j.bench.jmh}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.bench;
