// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.vog;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.spi.ArtifactReads.Ragged;
import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.spi.ScoringRun;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * VoG resolved against a store: per chunk, Welford over the checkpoints' {@code INPUT_GRADS}
 * ({@link VogAccumulator}); at the end, the z-scores of {@link Standardization} over the requested
 * examples. Memory is O(chunk x T x D), never O(N x C).
 *
 * @implNote Padding never enters the score: ragged artifacts hold real positions only, and the mean
 *     divides by T_i x D. A degenerate class (one member, or zero spread) maps to 0 and is reported
 *     through the listener's warnings; an example with T_i = 0 gets raw value 0 (also warned).
 */
final class VogScore implements ChunkScore {
    private static final ArtifactKey INPUT_GRADS = ArtifactKey.of(ArtifactKind.INPUT_GRADS);
    private static final String NAME = "vog";

    private final TrainingArtifactStore store;
    private final Spread spread;
    private final Normalization normalization;
    private final List<Checkpoint> checkpoints;

    VogScore(TrainingArtifactStore store, OptionValues options) {
        this.store = store;
        this.spread = options.get(VogScorers.SPREAD);
        this.normalization = options.get(VogScorers.NORMALIZATION);
        List<String> requested = options.get(CheckpointSelection.CHECKPOINTS);
        if (requested.size() == 1) {
            throw new ConfigurationException("vog: one checkpoint named (option checkpoints=" + requested
                    + "); the variance across checkpoints needs at least 2");
        }
        this.checkpoints = CheckpointSelection.select(store, NAME, requested, List.of(INPUT_GRADS),
                "Capture d(true-class logit)/d(embedding output) as INPUT_GRADS at every checkpoint.");
        if (checkpoints.size() < 2) {
            throw new ConfigurationException("vog: the variance across checkpoints needs at least 2 checkpoints with"
                    + " INPUT_GRADS; store '" + store.id() + "' gives " + ArtifactReads.ids(checkpoints)
                    + (requested.isEmpty() ? "" : " (option checkpoints=" + requested + ")")
                    + ". Capture INPUT_GRADS at 2 or more checkpoints (Tan et al. use 10).");
        }
        if (normalization == Normalization.CLASS) {
            ArtifactReads.requireLabels(store, NAME);
        }
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public Optional<Set<ArtifactKind>> requiredArtifacts() {
        return Optional.of(normalization == Normalization.CLASS
                ? EnumSet.of(ArtifactKind.INPUT_GRADS, ArtifactKind.LABELS) : EnumSet.of(ArtifactKind.INPUT_GRADS));
    }

    /** Output 0: raw VoG; output 1: 1 for an example with no real position. */
    @Override
    public ChunkAccumulator accumulator(ChunkReads chunk) {
        return new ChunkAccumulator() {
            private VogAccumulator acc;
            private Ragged first;

            @Override
            public void add(Checkpoint c, ChunkReads reads) {
                Ragged g = reads.ragged(c, INPUT_GRADS);
                if (acc == null) {
                    first = g;
                    acc = new VogAccumulator(g.lengths(), g.width());
                } else {
                    ArtifactReads.requireSameShape(NAME, store, INPUT_GRADS.toString(), reads.range(), first,
                            "checkpoint '" + checkpoints.get(0).id() + "'", g, "checkpoint '" + c.id() + "'");
                }
                acc.add(g.values());
            }

            @Override
            public double[] result() {
                return acc.finish(spread);
            }

            @Override
            public double[][] results() {
                double[] empty = new double[first.lengths().length];
                for (int i = 0; i < empty.length; i++) {
                    empty[i] = first.lengths()[i] == 0 ? 1 : 0;
                }
                return new double[][] {result(), empty};
            }
        };
    }

    @Override
    public double[][] finish(ScoringRun run, double[][] all) {
        double[] raw = all[0];
        int[] ids = run.exampleIds();
        int empty = 0;
        for (int id : ids) {
            empty += all[1][id] > 0 ? 1 : 0;
        }
        if (empty > 0) {
            run.warn(empty + " example(s) have no real positions in INPUT_GRADS; their raw VoG is 0");
        }
        if (normalization == Normalization.NONE) {
            return new double[][] {raw};
        }
        int[] labels = normalization == Normalization.CLASS ? labels(run) : new int[raw.length];
        double[] v = new double[ids.length];
        int[] y = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            v[i] = raw[ids[i]];
            y[i] = labels[ids[i]];
        }
        Standardization.Result r = normalization == Normalization.CLASS
                ? Standardization.byClass(v, y, store.numClasses()) : Standardization.dataset(v);
        if (!r.degenerate().isEmpty()) {
            run.warn("zero spread of raw VoG in " + String.join(", ", r.degenerate())
                    + "; those examples get the normalised value 0 (at their group's mean)");
        }
        double[] out = new double[raw.length];
        for (int i = 0; i < ids.length; i++) {
            out[ids[i]] = r.values()[i];
        }
        return new double[][] {out};
    }

    private int[] labels(ScoringRun run) {
        int[] labels = new int[store.numExamples()];
        for (ExampleRange range : run.ranges()) {
            System.arraycopy(ArtifactReads.labels(store, NAME, range), 0, labels, range.from(), range.size());
        }
        return labels;
    }
}
