// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.report;

/**
 * Test accuracy over seeds at one point of a pruning curve.
 *
 * @param pruning how the training sets were formed
 * @param score the score (or {@link RunResults#FULL} / {@link RunResults#RANDOM})
 * @param fraction the fraction removed
 * @param n the number of seeds
 * @param mean the mean test accuracy
 * @param std the sample standard deviation over seeds (ddof = 1; 0 for a single seed)
 */
public record CurvePoint(Pruning pruning, String score, double fraction, int n, double mean, double std) {
}
