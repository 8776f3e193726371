// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * A small, fully specified synthetic text-classification task for the {@code demo} command: bags of
 * token ids drawn from class-specific topic words, a few training labels flipped on purpose, and a
 * softmax-regression model over mean tanh-squashed word embeddings trained with SGD, whose training
 * artifacts (logits, losses, input and embedding gradients, factored head gradients) are computed
 * exactly in float64 and written to an artifact store.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.demo;
