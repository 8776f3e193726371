// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The SNLI evaluation of attribution methods behind {@code influence4j evaluate}: models trained
 * on the dev pool with capture ({@link io.github.influence4j.examples.evaluation.EvaluationSetup}),
 * each method's train-to-test attributions, then the linear datamodeling score
 * ({@link io.github.influence4j.examples.evaluation.LdsRun}) and the brittleness test
 * ({@link io.github.influence4j.examples.evaluation.BrittlenessRun}), each resumable from its
 * directory. The arithmetic is in {@code io.github.influence4j.nlp.evaluation}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.examples.evaluation;
