// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The results of a pruning experiment as files, and the report made from them.
 *
 * <p>A <em>run directory</em> holds {@code results.json} ({@link io.github.influence4j.examples.report.RunResults},
 * the machine-readable record that {@code snli-prune} writes and {@code report} reads), CSV mirrors
 * of its tables ({@code trainings.csv}, {@code summary.csv}, {@code detection.csv}) and an optional
 * per-example table {@code examples.csv} ({@link io.github.influence4j.examples.report.ExampleTable}).
 * {@link io.github.influence4j.examples.report.ReportWriter} turns it into PNG plots (XChart) and a
 * one-page {@code report/index.html}: pruning curves with mean +/- std bands and the random
 * baseline, the data map of Swayamdipta et al. (2020), and per-class score histograms.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.report;
