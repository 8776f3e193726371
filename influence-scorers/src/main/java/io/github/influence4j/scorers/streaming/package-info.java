// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * Scores computed while a model trains, with bounded memory: the capture listeners of
 * {@code influence-samediff} and {@code influence-dl4j} write each checkpoint into
 * {@link io.github.influence4j.scorers.streaming.StreamingScores#writer()} instead of a store, the
 * checkpoint is scored by the stored scorers on a one-checkpoint window and dropped, and only a
 * running reduction of O(N) numbers per score is kept (and snapshotted atomically, so a killed run
 * resumes its scores). {@link io.github.influence4j.scorers.streaming.DynamicPruning} drops the
 * easiest examples from the next epoch by such a score (Attendu and Corbeil 2023).
 *
 * <p>Why a package of its own: it sits on top of the three scorer packages (it runs their scorers
 * through {@code InfluenceScorers}) and of the store API, and none of them knows about it.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.streaming;
