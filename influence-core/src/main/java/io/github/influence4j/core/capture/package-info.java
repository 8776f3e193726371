// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The framework-neutral capture contract (docs/DESIGN.md section 5.1): what every capture, SameDiff or
 * DL4J, shares. {@link io.github.influence4j.core.capture.CaptureSchedule} says when a training
 * run captures, {@link io.github.influence4j.core.capture.CaptureSpec} which per-checkpoint artifact
 * kinds and in which batch size, {@link io.github.influence4j.core.capture.CapturedBatch} holds the
 * artifacts one batch produced (and writes them through an
 * {@link io.github.influence4j.core.store.ArtifactWriter}),
 * {@link io.github.influence4j.core.capture.CaptureResult} reports what one checkpoint capture did,
 * and {@link io.github.influence4j.core.capture.LearningRateSource} supplies the eta_c recorded per
 * checkpoint.
 *
 * <p>The captures themselves live in their framework's module, so that core needs no deep-learning
 * framework beyond {@code INDArray}: {@code influence-samediff} ({@code io.github.influence4j.samediff},
 * SameDiff graphs) and {@code influence-dl4j} ({@code io.github.influence4j.dl4j},
 * {@code MultiLayerNetwork} and {@code ComputationGraph}).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.capture;
