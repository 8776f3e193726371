// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Plain file formats and file operations with no knowledge of stores or scores:
 * {@link io.github.influence4j.core.io.Npy} reads and writes NumPy {@code .npy} files, and
 * {@link io.github.influence4j.core.io.AtomicFiles} replaces a file crash-safely.
 *
 * <p>Apart from {@code core.store} because more than the store uses them: score and matrix exports
 * ({@code core.InfluenceScores}, {@code core.InfluenceMatrix}), the examples' result files and
 * the benchmarks' fixtures. Depends on nothing else in influence4j, so any package may use it.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.io;
