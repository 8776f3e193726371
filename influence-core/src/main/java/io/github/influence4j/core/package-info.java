// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The influence4j core API: {@link io.github.influence4j.core.InfluenceScorer}, discovery through
 * {@link io.github.influence4j.core.spi.InfluenceScorers}, {@link io.github.influence4j.core.InfluenceScores}
 * with their {@link io.github.influence4j.core.Orientation} and provenance, requests, listeners and
 * the unchecked exceptions of {@code core.exception}, rooted at {@link io.github.influence4j.core.exception.InfluenceException}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core;
