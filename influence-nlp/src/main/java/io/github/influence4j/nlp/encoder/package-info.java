// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The SameDiff SNLI encoder of docs/DESIGN.md section 6.2 (GloVe embeddings, a width-3 convolution with
 * masked max pooling, [u; v; |u-v|; u*v] and the 3-layer head of Tan et al. 2023), its training
 * loop and its capture of training artifacts. Capture itself is the SameDiff capture of
 * {@code influence-samediff} ({@link io.github.influence4j.samediff.SameDiffCapture}, attached with
 * {@link io.github.influence4j.nlp.encoder.SnliEncoder#graphTaps()}); an experiment captures on a
 * {@link io.github.influence4j.core.capture.CaptureSchedule}
 * ({@link io.github.influence4j.nlp.encoder.SnliExperiment.Capture}).
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.nlp.encoder;
