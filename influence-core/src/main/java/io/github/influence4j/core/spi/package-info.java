// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

/**
 * The scorer skeleton, published for built-in and third-party scorers alike.
 *
 * <ul>
 *   <li>{@link io.github.influence4j.core.spi.ScorerDefinition}: name, description, orientation,
 *       required artifact kinds and typed {@link io.github.influence4j.core.spi.Option}s; option
 *       parsing, defaults, the set-once {@link io.github.influence4j.core.spi.OptionValues} builder,
 *       {@code toMap}/{@code parse} and the CLI's help derive from it.</li>
 *   <li>{@link io.github.influence4j.core.spi.InfluenceScorerProvider}: the
 *       {@link java.util.ServiceLoader} entry point, offering definitions;
 *       {@link io.github.influence4j.core.spi.InfluenceScorers} finds them by name.</li>
 *   <li>{@link io.github.influence4j.core.spi.ScoringEngine}: the chunked engine (checkpoint loop,
 *       chunks, progress, cancellation, subsets, provenance) that calls a pure
 *       {@link io.github.influence4j.core.spi.ChunkAccumulator} through a
 *       {@link io.github.influence4j.core.spi.ChunkScore}; {@link io.github.influence4j.core.spi.CheckpointSelection}
 *       and {@link io.github.influence4j.core.spi.ArtifactReads} are the selection and checked reads
 *       the built-ins use.</li>
 * </ul>
 *
 * <p>This package depends on {@code core} (scores, requests) and {@code core.store}; neither depends
 * on it.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.core.spi;
