// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Capture of training artifacts from a SameDiff graph (docs/DESIGN.md section 5.2): per-example logits,
 * losses, input and embedding gradients and factored dense-layer gradients, computed for a batch
 * with one backward pass of a summed objective.
 *
 * <p>{@link io.github.influence4j.samediff.SameDiffCapture} is attached to a graph with the
 * {@link io.github.influence4j.samediff.GraphTaps} naming the variables it reads; a
 * {@link io.github.influence4j.samediff.CaptureSource} hands it eval-mode
 * {@link io.github.influence4j.samediff.EvalBatch}es, and it writes
 * {@link io.github.influence4j.core.capture.CapturedBatch}es through an
 * {@link io.github.influence4j.core.store.ArtifactWriter}.
 * {@link io.github.influence4j.samediff.SameDiffCaptureListener}, a SameDiff
 * {@link org.nd4j.autodiff.listeners.Listener}, captures during training on the steps of a
 * {@link io.github.influence4j.core.capture.CaptureSchedule}.
 *
 * <p>This is a module of its own ({@code influence-samediff}) so that {@code influence-core} holds
 * only the framework-neutral capture contract of {@code io.github.influence4j.core.capture} (schedule,
 * spec, batch, result), shared with the DL4J capture of {@code influence-dl4j}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.samediff;
