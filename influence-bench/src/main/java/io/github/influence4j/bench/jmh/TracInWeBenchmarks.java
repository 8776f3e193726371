package io.github.influence4j.bench.jmh;

import io.github.influence4j.bench.FastRandom;
import io.github.influence4j.scorers.tracinwe.EmbeddingGradients;
import io.github.influence4j.scorers.tracinwe.TokenIndex;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TracIn-WE's arithmetic on one chunk of SNLI-like examples (1,024 examples, T_i in [12, 32],
 * D = 100, Zipf-like token ids over V): building the per-token gradients (sum of the rows holding
 * each distinct token, optionally top-k positions), their squared norms (self-influence), dot
 * products over shared tokens for 64 test examples against the chunk by merging sorted token
 * lists, and the same through the inverted index. Throughput in operations per second, one
 * operation covering the whole chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TracInWeBenchmarks {
    /** Vocabulary size V: cost should not depend on it. */
    @Param({"5000", "300000"})
    public int vocabulary;

    private static final int CHUNK = 1024;
    private static final int TESTS = 64;
    private static final int D = 100;

    private int[] ids;
    private long[] offsets;
    private double[] rows;
    private EmbeddingGradients train;
    private EmbeddingGradients test;
    private TokenIndex index;

    /** Draws the chunk, a test block and the index once. */
    @Setup
    public void setUp() {
        FastRandom r = new FastRandom(5);
        offsets = new long[CHUNK + 1];
        for (int i = 0; i < CHUNK; i++) {
            offsets[i + 1] = offsets[i] + 12 + r.nextInt(21);
        }
        ids = new int[(int) offsets[CHUNK]];
        for (int t = 0; t < ids.length; t++) {
            ids[t] = r.nextZipf(vocabulary);
        }
        rows = new double[ids.length * D];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = 0.01 * r.nextSignedFloat();
        }
        train = EmbeddingGradients.of(0, ids, offsets, rows, D, 0);
        int testRows = (int) offsets[TESTS];
        test = EmbeddingGradients.of(0, java.util.Arrays.copyOf(ids, testRows), java.util.Arrays.copyOf(offsets,
                TESTS + 1), java.util.Arrays.copyOf(rows, testRows * D), D, 0);
        index = TokenIndex.of(train);
    }

    /** @return the per-token gradients of the chunk, all positions */
    @Benchmark
    public EmbeddingGradients perTokenGradients() {
        return EmbeddingGradients.of(0, ids, offsets, rows, D, 0);
    }

    /** @return the per-token gradients of the chunk, top 10 positions (TracIn-WE-Top-k) */
    @Benchmark
    public EmbeddingGradients perTokenGradientsTop10() {
        return EmbeddingGradients.of(0, ids, offsets, rows, D, 10);
    }

    /** @return the sum of the chunk's self-influences ||dL/dE||^2 */
    @Benchmark
    public double selfInfluence() {
        double s = 0;
        for (int i = 0; i < CHUNK; i++) {
            s += train.squaredNorm(i);
        }
        return s;
    }

    /** @return the sum of all 64 x 1,024 dot products, by merging sorted token lists */
    @Benchmark
    public double dotProductsMerge() {
        double s = 0;
        for (int a = 0; a < TESTS; a++) {
            for (int b = 0; b < CHUNK; b++) {
                s += test.dot(a, train, b);
            }
        }
        return s;
    }

    /** @return the same 64 x 1,024 products through the inverted index (only sharing pairs touched) */
    @Benchmark
    public double dotProductsIndex() {
        double[] acc = new double[CHUNK];
        BitSet touched = new BitSet(CHUNK);
        double s = 0;
        for (int a = 0; a < TESTS; a++) {
            index.accumulate(test, a, 1.0, acc, touched);
            for (int j = touched.nextSetBit(0); j >= 0; j = touched.nextSetBit(j + 1)) {
                s += acc[j];
                acc[j] = 0;
            }
            touched.clear();
        }
        return s;
    }

    /** @return the inverted index of the chunk */
    @Benchmark
    public TokenIndex buildIndex() {
        return TokenIndex.of(train);
    }
}
