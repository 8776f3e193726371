// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package com.example.lossmean;

import static io.github.influence4j.core.spi.CheckpointSelection.CHECKPOINTS;

import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.CheckpointSelection;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.spi.Option;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import java.util.List;

/**
 * Mean per-example training loss over checkpoints, {@code s_i = (1/C) sum_c L(theta_c, z_i)}, from the
 * store's {@code LOSS}: a cheap learning-speed proxy for difficulty (Jiang et al., ICML 2021, use
 * cumulative training loss the same way). Higher is harder. Registered in
 * {@code META-INF/services/io.github.influence4j.core.spi.InfluenceScorerProvider}, so
 * {@code InfluenceScorers.create("loss-mean", store, Map.of("last", "3"))} and the CLI find it.
 */
public final class LossMean implements InfluenceScorerProvider {
    /** {@code last}: average over the last n selected checkpoints only (0 = all). */
    public static final Option<Integer> LAST = Option.integer("last", 0, 0, "use only the last n checkpoints (0 = all)");
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);

    /** The scorer: the engine owns chunks, checkpoints, progress, subsets and provenance; this class the sum. */
    public static final ScorerDefinition DEFINITION = ScorerDefinition.builder("loss-mean")
            .description("mean training loss over checkpoints (Jiang et al. 2021); higher is harder")
            .orientation(Orientation.HIGHER_IS_HARDER).requires(ArtifactKind.LOSS).option(CHECKPOINTS, LAST)
            .factory((def, store, options) -> {
                List<Checkpoint> all = CheckpointSelection.select(store, def.name(), options.get(CHECKPOINTS),
                        List.of(LOSS), "Capture per-example losses (ArtifactKind.LOSS).");
                int last = options.get(LAST);
                if (last > all.size()) {
                    throw new ConfigurationException("loss-mean: option last=" + last + " but only " + all.size()
                            + " checkpoints hold LOSS in store '" + store.id() + "'");
                }
                List<Checkpoint> used = last == 0 ? all : all.subList(all.size() - last, all.size());
                return ScoringEngine.scorer(def, store, options, new ChunkScore() {
                    @Override
                    public List<Checkpoint> checkpoints() {
                        return used;
                    }

                    @Override
                    public ChunkAccumulator accumulator(ChunkReads chunk) {
                        double[] sum = new double[chunk.size()];
                        return new ChunkAccumulator() {
                            @Override
                            public void add(Checkpoint c, ChunkReads reads) {
                                double[] loss = reads.dense(c, LOSS, 1);
                                for (int i = 0; i < sum.length; i++) {
                                    sum[i] += loss[i];
                                }
                            }

                            @Override
                            public double[] result() {
                                double[] mean = sum.clone();
                                for (int i = 0; i < mean.length; i++) {
                                    mean[i] /= used.size();
                                }
                                return mean;
                            }
                        };
                    }
                });
            }).build();

    @Override
    public List<ScorerDefinition> scorers() {
        return List.of(DEFINITION);
    }
}
