// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench.jmh;

import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.bench.FastRandom;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 chunk to float64 {@code double[]} conversion every scorer applies after a read
 * ({@link ArtifactReads#flatDoubles}: {@code castTo(DOUBLE).dup('c')} then {@code asDouble()}),
 * against a bulk copy of the off-heap floats through an NIO view widened in a Java loop. One
 * operation = one INPUT_GRADS chunk of SNLI-like shape (22,528 x 100 floats, 9 MB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ConversionBenchmarks {
    private static final int ROWS = 22_528;
    private static final int D = 100;
    private INDArray chunk;

    /** Fills one float32 chunk and checks that both paths agree. */
    @Setup(Level.Trial)
    public void setUp() {
        FastRandom r = new FastRandom(3);
        float[] v = new float[ROWS * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextSignedFloat();
        }
        chunk = Nd4j.create(v, new long[] {ROWS, D}, DataType.FLOAT);
        if (!java.util.Arrays.equals(scorersPath(), bulkPath())) {
            throw new IllegalStateException("the two conversions disagree");
        }
    }

    /** Frees the chunk. */
    @TearDown(Level.Trial)
    public void tearDown() {
        chunk.close();
    }

    /** @return the chunk as float64, as the scorers convert it today */
    @Benchmark
    public double[] scorersPath() {
        return ArtifactReads.flatDoubles(chunk);
    }

    /** @return the chunk as float64 through a bulk copy of the off-heap floats */
    @Benchmark
    public double[] bulkPath() {
        if (chunk.dataType() != DataType.FLOAT || chunk.ordering() != 'c' || chunk.offset() != 0
                || chunk.length() != chunk.data().length()) {
            throw new IllegalStateException("bulk path expects a contiguous float32 chunk");
        }
        FloatBuffer fb = chunk.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        int n = (int) chunk.length();
        float[] f = new float[n];
        fb.get(f, 0, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
