// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import java.util.List;

/**
 * Service-provider interface for scorers, found through {@link java.util.ServiceLoader}: list the
 * implementation's class name in
 * {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}. One provider may
 * offer several scorers (the built-ins register all of theirs through one provider). A provider
 * needs a public no-argument constructor.
 *
 * <pre>{@code
 * public final class LossMeanProvider implements InfluenceScorerProvider {
 *     public List<ScorerDefinition> scorers() {
 *         return List.of(LossMean.DEFINITION);
 *     }
 * }
 * }</pre>
 */
public interface InfluenceScorerProvider {
    /** @return the scorers this provider offers; each name must be unique across the classpath */
    List<ScorerDefinition> scorers();
}
