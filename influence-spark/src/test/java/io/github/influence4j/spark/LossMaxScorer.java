// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark;

import io.github.influence4j.core.Orientation;
import io.github.influence4j.core.spi.ChunkAccumulator;
import io.github.influence4j.core.spi.ChunkReads;
import io.github.influence4j.core.spi.ChunkScore;
import io.github.influence4j.core.spi.InfluenceScorerProvider;
import io.github.influence4j.core.spi.ScorerDefinition;
import io.github.influence4j.core.spi.ScoringEngine;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;

/**
 * A third-party scorer as a user would ship it in a jar: the largest training loss over
 * checkpoints. It is deliberately not registered in this module's test resources: tests add its
 * {@code META-INF/services} entry through a jar of their own, to the driver, the executors, or
 * both. {@link #FAIL_ONCE} makes the first attempt of the task scoring a shard whose store id ends
 * in {@code shard-00001} die halfway through its chunks (a task killed mid-shard).
 */
public final class LossMaxScorer implements InfluenceScorerProvider {
    /** Armed by a test: kill the first attempt of shard 1 once. */
    public static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();
    private static final ArtifactKey LOSS = ArtifactKey.of(ArtifactKind.LOSS);

    /** The definition: {@code test-loss-max}, higher is harder. */
    public static final ScorerDefinition DEFINITION = ScorerDefinition.builder("test-loss-max")
            .description("largest training loss over checkpoints (a test scorer)")
            .orientation(Orientation.HIGHER_IS_HARDER).requires(ArtifactKind.LOSS)
            .factory((def, store, options) -> {
                List<Checkpoint> used = store.checkpointsWith(LOSS);
                boolean kill = store.id().endsWith("shard-00001");
                return ScoringEngine.scorer(def, store, options, new ChunkScore() {
                    @Override
                    public List<Checkpoint> checkpoints() {
                        return used;
                    }

                    @Override
                    public ChunkAccumulator accumulator(ChunkReads chunk) {
                        double[] max = new double[chunk.size()];
                        Arrays.fill(max, Double.NEGATIVE_INFINITY);
                        return new ChunkAccumulator() {
                            @Override
                            public void add(Checkpoint c, ChunkReads reads) {
                                TaskContext t = TaskContext.get();
                                if (kill && c.equals(used.get(used.size() / 2)) && t != null && t.attemptNumber() == 0
                                        && FAIL_ONCE.compareAndSet(true, false)) {
                                    throw new IllegalStateException("test: task killed mid-shard");
                                }
                                double[] loss = reads.dense(c, LOSS, 1);
                                for (int i = 0; i < max.length; i++) {
                                    max[i] = Math.max(max[i], loss[i]);
                                }
                            }

                            @Override
                            public double[] result() {
                                return max.clone();
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
