// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * A third-party scorer written the way a user would write one: {@link com.example.lossmean.LossMean}
 * is a {@code ScorerDefinition} on the same engine as the built-in scorers, offered through
 * {@code InfluenceScorerProvider} and registered in {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}; nothing else
 * is needed for {@code InfluenceScorers} and the {@code influence4j} CLI to find it.
 */
@org.jspecify.annotations.NullMarked
package com.example.lossmean;
