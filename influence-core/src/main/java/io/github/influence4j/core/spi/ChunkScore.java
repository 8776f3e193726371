// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A score computed chunk by chunk, resolved against one store: which checkpoints it uses and a
 * fresh {@link ChunkAccumulator} per chunk. Build it in a {@link ScorerDefinition.Factory} (so that a
 * missing artifact fails when the scorer is created) and hand it to
 * {@link ScoringEngine#scorer}. Immutable and thread-safe: per-run state lives in the accumulators.
 */
public interface ChunkScore {
    /** @return the checkpoints to feed, in training order (see {@link CheckpointSelection}) */
    List<Checkpoint> checkpoints();

    /**
     * @param chunk the chunk about to be scored
     * @return a fresh accumulator for it
     */
    ChunkAccumulator accumulator(ChunkReads chunk);

    /**
     * Called once before the first chunk, e.g. to warn about an option through the run.
     *
     * @param run the run
     */
    default void start(ScoringRun run) {
    }

    /**
     * The global phase, after every chunk: e.g. VoG's class-wise standardisation.
     *
     * @param run the run (its {@link ScoringRun#exampleIds()} are the examples requested)
     * @param all per output, one value per example of the store (0 outside the requested chunks)
     * @return the final values, per output
     */
    default double[][] finish(ScoringRun run, double[][] all) {
        return all;
    }

    /** @return entries added to the provenance's options, e.g. the resolved layer names */
    default Map<String, String> provenance() {
        return Map.of();
    }

    /**
     * Opt-in for scores over small per-example artifacts (logits, losses): the number of examples
     * per chunk this score would like (see {@link ScoringEngine#chunkSizeForBytes}), or 0 for the
     * store's chunk size. A score that returns more than 0 also promises that its accumulators read
     * the arrays {@link ChunkReads#dense} returns only during {@link ChunkAccumulator#add} and never
     * modify them: in one pass they are shared with the other scores and reused for the next
     * checkpoint. Such scores run together in one pass in {@link ScoringEngine#scoreAll}.
     *
     * @param store the store scored
     * @return examples per chunk, a multiple of the store's chunk size, or 0
     */
    default int chunkSizeFor(io.github.influence4j.core.store.TrainingArtifactStore store) {
        return 0;
    }

    /**
     * Scores of one pass with equal sharing keys share one accumulator: e.g. the three data-map
     * coordinates, each scored by name, cost one accumulator, not three.
     *
     * @return a key equal for scores whose accumulators compute the same thing, or empty
     */
    default Optional<Object> sharingKey() {
        return Optional.empty();
    }

    /** @return the artifact kinds read, when they depend on the options; empty for the definition's */
    default Optional<Set<ArtifactKind>> requiredArtifacts() {
        return Optional.empty();
    }
}
