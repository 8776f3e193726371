// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers;

import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.spi.ScorerDefinition;
import java.util.List;

/**
 * Registers every built-in scorer with {@link io.github.influence4j.core.spi.InfluenceScorers}
 * (listed in {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}).
 */
public final class BuiltInScorers implements InfluenceScorerProvider {
    /** For {@link java.util.ServiceLoader}. */
    public BuiltInScorers() {
    }

    @Override
    public List<ScorerDefinition> scorers() {
        return Scorers.definitions();
    }
}
