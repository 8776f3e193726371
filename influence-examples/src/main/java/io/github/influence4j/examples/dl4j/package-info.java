// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * A DL4J example: a {@code MultiLayerNetwork} trained on the UCI handwritten digits with injected
 * label noise, captured with {@code influence-dl4j} and scored by every applicable scorer.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.dl4j;
