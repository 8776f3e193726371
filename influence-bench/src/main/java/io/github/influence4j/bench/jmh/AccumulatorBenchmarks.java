package io.github.influence4j.bench.jmh;

import io.github.influence4j.bench.FastRandom;
import io.github.influence4j.scorers.confidence.NeverLearned;
import io.github.influence4j.scorers.vog.Spread;
import java.lang.invoke.MethodHandle;
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
 * The per-chunk accumulators of VoG and the logit family, fed one chunk of SNLI-like shape
 * (1,024 examples, T_i in [12, 32], D = 100, K = 3) over C = 10 checkpoints: the arithmetic a
 * scorer does per chunk, without any I/O. Throughput is in chunks per second; multiply by 1,024
 * for examples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AccumulatorBenchmarks {
    private static final String CONFIDENCE = "io.github.influence4j.scorers.confidence.";
    private static final MethodHandle VOG_NEW = Internals.constructor("io.github.influence4j.scorers.vog.VogAccumulator",
            int[].class, int.class);
    private static final MethodHandle VOG_ADD = Internals.method("io.github.influence4j.scorers.vog.VogAccumulator",
            "add", void.class, double[].class);
    private static final MethodHandle VOG_FINISH = Internals.method("io.github.influence4j.scorers.vog.VogAccumulator",
            "finish", double[].class, Spread.class);
    private static final MethodHandle DATA_MAP_NEW = Internals.constructor(CONFIDENCE + "DataMapAccumulator",
            int[].class, int.class);
    private static final MethodHandle EL2N_NEW = Internals.constructor(CONFIDENCE + "El2nAccumulator",
            int[].class, int.class);
    private static final MethodHandle AUM_NEW = Internals.constructor(CONFIDENCE + "AumAccumulator",
            int[].class, int.class);
    private static final MethodHandle FORGETTING_NEW = Internals.constructor(CONFIDENCE + "ForgettingAccumulator",
            int[].class, int.class, NeverLearned.class);
    private static final MethodHandle LOGIT_ADD = Internals.method(CONFIDENCE + "LogitAccumulator", "add",
            void.class, double[].class, double[].class);
    private static final MethodHandle LOGIT_RESULTS = Internals.method(CONFIDENCE + "LogitAccumulator", "results",
            double[][].class);

    /** Examples per chunk. */
    @Param({"1024"})
    public int chunk;
    /** Checkpoints C. */
    @Param({"10"})
    public int checkpoints;

    private int[] lengths;
    private int[] labels;
    private double[][] gradients;
    private double[][] logits;
    private final double[] none = new double[0];

    /** Draws the chunk's values once. */
    @Setup
    public void setUp() {
        FastRandom r = new FastRandom(11);
        lengths = new int[chunk];
        labels = new int[chunk];
        int rows = 0;
        for (int i = 0; i < chunk; i++) {
            lengths[i] = 12 + r.nextInt(21);
            labels[i] = r.nextInt(3);
            rows += lengths[i];
        }
        gradients = new double[checkpoints][rows * 100];
        logits = new double[checkpoints][chunk * 3];
        for (int c = 0; c < checkpoints; c++) {
            for (int j = 0; j < gradients[c].length; j++) {
                gradients[c][j] = 0.01 * r.nextSignedFloat();
            }
            for (int j = 0; j < logits[c].length; j++) {
                logits[c][j] = 2 * r.nextSignedFloat();
            }
        }
    }

    /**
     * @return VoG of one chunk: Welford over C checkpoints of [sum T_i x 100] gradients, then the
     *     per-example mean variance
     * @throws Throwable never in practice (method-handle call)
     */
    @Benchmark
    public double[] vogWelford() throws Throwable {
        Object acc = VOG_NEW.invoke(lengths, 100);
        for (double[] g : gradients) {
            VOG_ADD.invoke(acc, g);
        }
        return (double[]) VOG_FINISH.invoke(acc, Spread.VARIANCE);
    }

    /**
     * @return the data map of one chunk (softmax, Welford, argmax per example and checkpoint)
     * @throws Throwable never in practice
     */
    @Benchmark
    public double[][] dataMap() throws Throwable {
        return logits(DATA_MAP_NEW.invoke(labels, 3));
    }

    /**
     * @return EL2N of one chunk
     * @throws Throwable never in practice
     */
    @Benchmark
    public double[][] el2n() throws Throwable {
        return logits(EL2N_NEW.invoke(labels, 3));
    }

    /**
     * @return AUM of one chunk
     * @throws Throwable never in practice
     */
    @Benchmark
    public double[][] aum() throws Throwable {
        return logits(AUM_NEW.invoke(labels, 3));
    }

    /**
     * @return forgetting counts of one chunk
     * @throws Throwable never in practice
     */
    @Benchmark
    public double[][] forgetting() throws Throwable {
        return logits(FORGETTING_NEW.invoke(labels, 3, NeverLearned.CHECKPOINT_COUNT));
    }

    private double[][] logits(Object acc) throws Throwable {
        for (double[] z : logits) {
            LOGIT_ADD.invoke(acc, z, none);
        }
        return (double[][]) LOGIT_RESULTS.invoke(acc);
    }
}
