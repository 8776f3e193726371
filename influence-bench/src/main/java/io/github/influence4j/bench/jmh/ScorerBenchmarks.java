// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench.jmh;

import io.github.influence4j.core.store.memory.MemoryStores;
import io.github.influence4j.bench.SyntheticShape;
import io.github.influence4j.bench.SyntheticStore;
import io.github.influence4j.core.InfluenceScores;
import io.github.influence4j.core.TopInfluences;
import io.github.influence4j.core.spi.OptionValues;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.scorers.ScorerOptions;
import io.github.influence4j.scorers.Scorers;
import io.github.influence4j.scorers.dynamics.DataMap;
import io.github.influence4j.scorers.vog.Normalization;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scorers through their public entry points ({@code Scorers}) on one chunk of SNLI-like shape
 * held in a memory store (1,024 examples, T_i in [12, 32], D = 100, K = 3, C = 10 checkpoints,
 * V tokens): the arithmetic of each accumulator plus the engine's per-chunk reads and float64
 * conversion, without disk I/O. Throughput in whole-chunk scorings per second; multiply by 1,024
 * for examples per second. (The accumulators themselves are package-private; they are measured
 * through the same path users call.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScorerBenchmarks {
    /** Vocabulary size V: TracIn-WE's cost should not depend on it. */
    @Param({"5000", "300000"})
    public int vocabulary;

    private ArtifactWriter writer;
    private TrainingArtifactStore store;
    private final OptionValues raw = OptionValues.of(ScorerOptions.NORMALIZATION, Normalization.NONE);

    /** Writes the chunk once. */
    @Setup(Level.Trial)
    public void setUp() {
        SyntheticShape s = SyntheticShape.snliLike(1024);
        SyntheticShape shape = new SyntheticShape(s.numExamples(), s.minTokens(), s.maxTokens(), s.dim(),
                s.numClasses(), s.numCheckpoints(), vocabulary, s.hidden(), s.chunkSize(), true, true);
        writer = MemoryStores.create(SyntheticStore.spec("jmh", shape));
        SyntheticStore.write(writer, shape, 11);
        store = writer.store();
    }

    /** Frees the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        writer.close();
    }

    /** @return VoG (Welford over C checkpoints of [sum T_i x 100] gradients), unnormalised */
    @Benchmark
    public InfluenceScores vog() {
        return Scorers.vog(store, raw).score();
    }

    /** @return the data map (softmax, Welford, argmax per example and checkpoint) */
    @Benchmark
    public DataMap dataMap() {
        return Scorers.dataMap(store).score();
    }

    /** @return EL2N */
    @Benchmark
    public InfluenceScores el2n() {
        return Scorers.el2n(store).score();
    }

    /** @return AUM */
    @Benchmark
    public InfluenceScores aum() {
        return Scorers.aum(store).score();
    }

    /** @return forgetting counts */
    @Benchmark
    public InfluenceScores forgetting() {
        return Scorers.forgetting(store).score();
    }

    /** @return TracIn-WE self-influence ||dL/dE||^2 over C checkpoints (per-token gradients and their norms) */
    @Benchmark
    public InfluenceScores tracInWeSelf() {
        return Scorers.tracInWe(store).score();
    }

    /** @return TracIn-WE-Top-10 self-influence */
    @Benchmark
    public InfluenceScores tracInWeTop10Self() {
        return Scorers.tracInWe(store, OptionValues.of(ScorerOptions.TOP_K, 10)).score();
    }

    /** @return train-to-test TracIn-WE top-10 of the chunk against itself (inverted index, shared tokens only) */
    @Benchmark
    public TopInfluences tracInWeTopK() {
        return Scorers.tracInWe(store, store).topK(10);
    }
}
