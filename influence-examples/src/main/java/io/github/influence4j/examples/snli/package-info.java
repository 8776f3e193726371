// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The SNLI pruning experiment of Tan, Minakova and Anand (2023, Sec. 2) at the scale of
 * docs/DESIGN.md section 6.4: which scores it computes and with which options
 * ({@link io.github.influence4j.examples.snli.SnliScores}),
 * and its settings ({@link io.github.influence4j.examples.snli.SnliPruneSettings}). The command
 * {@code influence4j snli-prune} runs it. {@link io.github.influence4j.examples.snli.SnliTrainMain} trains
 * and evaluates the encoder alone (accuracy and timing; {@code influence-examples/run-snli.sh}).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.snli;
