// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.dynamics;

import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.spi.ScoringRun;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A score of the training dynamics resolved against a store: per chunk, the labels, then per
 * selected checkpoint in order the {@code LOGITS} (and {@code NULL_LOGITS} for PVI) of width K, fed
 * to a fresh {@link LogitAccumulator}. Memory is O(chunk x K) plus the O(N) outputs.
 */
final class LogitScore implements ChunkScore {
    static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    static final ArtifactKey NULL_LOGITS = ArtifactKey.of(ArtifactKind.NULL_LOGITS);
    static final String HINT = "Capture LOGITS (eval mode) at the checkpoints to score.";

    private final List<Checkpoint> checkpoints;
    private final boolean withNull;
    private final int k;
    private final BiFunction<int[], Integer, LogitAccumulator> factory;
    private final String singleCheckpointWarning;
    private final String sharedAs;

    private LogitScore(List<Checkpoint> checkpoints, boolean withNull, int k,
            BiFunction<int[], Integer, LogitAccumulator> factory, String singleCheckpointWarning, String sharedAs) {
        this.checkpoints = checkpoints;
        this.withNull = withNull;
        this.k = k;
        this.factory = factory;
        this.singleCheckpointWarning = singleCheckpointWarning;
        this.sharedAs = sharedAs;
    }

    /**
     * Every checkpoint holding {@code LOGITS} (or those named).
     *
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param requested checkpoint ids, or empty for all
     * @param factory makes an accumulator from (labels of the chunk, K)
     * @return the score
     */
    static LogitScore overLogits(TrainingArtifactStore store, String scorer, List<String> requested,
            BiFunction<int[], Integer, LogitAccumulator> factory) {
        ArtifactReads.requireLabels(store, scorer);
        return new LogitScore(CheckpointSelection.select(store, scorer, requested, List.of(LOGITS), HINT), false,
                store.numClasses(), factory, null, null);
    }

    /**
     * @param singleCheckpointWarning warned at the start of a run when fewer than 2 checkpoints are used
     * @return this score, warning so
     */
    LogitScore warnBelowTwoCheckpoints(String singleCheckpointWarning) {
        return new LogitScore(checkpoints, withNull, k, factory, singleCheckpointWarning, sharedAs);
    }

    /**
     * @param name what the accumulators compute, e.g. {@code "data-map"}: scores of one pass with the
     *     same name and checkpoints share one accumulator
     * @return this score, shared so
     */
    LogitScore sharedAs(String name) {
        return new LogitScore(checkpoints, withNull, k, factory, singleCheckpointWarning, name);
    }

    /**
     * PVI's selection: {@code LOGITS} with {@code NULL_LOGITS}; the last such checkpoint unless some
     * are named (then their mean).
     */
    static LogitScore pvi(TrainingArtifactStore store, String scorer, List<String> requested) {
        ArtifactReads.requireLabels(store, scorer);
        List<Checkpoint> cs = CheckpointSelection.select(store, scorer, requested, List.of(LOGITS, NULL_LOGITS),
                "PVI needs the logits of a null model (the same model family trained on empty inputs) as NULL_LOGITS"
                + " next to LOGITS: capture both at the checkpoint to score.");
        return new LogitScore(requested.isEmpty() ? List.of(cs.get(cs.size() - 1)) : cs, true, store.numClasses(),
                PviAccumulator::new, null, null);
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /**
     * Logits are K values per example (2K for PVI): chunks of about 4 MiB of float64 per read, so
     * that per-chunk costs stop dominating. The accumulators read the logits only within
     * {@code add} and never modify them.
     */
    @Override
    public int chunkSizeFor(TrainingArtifactStore store) {
        return ScoringEngine.chunkSizeForBytes(store, k);
    }

    @Override
    public Optional<Object> sharingKey() {
        return sharedAs == null ? Optional.empty() : Optional.of(List.of(sharedAs, ArtifactReads.ids(checkpoints)));
    }

    @Override
    public void start(ScoringRun run) {
        if (singleCheckpointWarning != null && checkpoints.size() < 2) {
            run.warn("only " + checkpoints.size() + " checkpoint: " + singleCheckpointWarning);
        }
    }

    @Override
    public ChunkAccumulator accumulator(ChunkReads chunk) {
        LogitAccumulator acc = factory.apply(chunk.labels(), k);
        return new ChunkAccumulator() {
            @Override
            public void add(Checkpoint c, ChunkReads reads) {
                double[] z = reads.dense(c, LOGITS, k);
                acc.add(z, withNull ? reads.dense(c, NULL_LOGITS, k) : new double[0]);
            }

            @Override
            public double[] result() {
                return acc.results()[0];
            }

            @Override
            public double[][] results() {
                return acc.results();
            }
        };
    }
}
