// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Capture of training artifacts from DL4J {@code MultiLayerNetwork} and {@code ComputationGraph}
 * training: {@link io.github.influence4j.dl4j.Dl4jCapture} (what to capture and the capture
 * itself), {@link io.github.influence4j.dl4j.Dl4jCaptureSession} (bound to one network),
 * {@link io.github.influence4j.dl4j.Dl4jCaptureListener} (during training) and
 * {@link io.github.influence4j.dl4j.CaptureData} (the examples), plus the package-private
 * closed-form backward pass over the network's layers.
 *
 * <p>The types a capture shares with the SameDiff capture of {@code influence-samediff} live in
 * {@code io.github.influence4j.core.capture}: the
 * {@link io.github.influence4j.core.capture.CaptureSchedule} a listener follows, the
 * {@link io.github.influence4j.core.capture.CaptureSpec} of a capture, the
 * {@link io.github.influence4j.core.capture.CapturedBatch} it computes and the
 * {@link io.github.influence4j.core.capture.CaptureResult} it reports.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.dl4j;
