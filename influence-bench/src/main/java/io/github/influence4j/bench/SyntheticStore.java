// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes a synthetic training-artifact store of a given {@link SyntheticShape}, chunk by chunk, so
 * that generating a store of any N needs memory for one chunk only. Values are seeded noise with
 * the right shapes (logits drift toward the gold class over checkpoints so that data-map and
 * forgetting statistics are not degenerate); they exercise the arithmetic and I/O of every scorer,
 * not any model.
 *
 * <pre>{@code
 * try (ArtifactWriter w = ArtifactStores.create(dir, SyntheticStore.spec("bench", shape))) {
 *     SyntheticStore.write(w, shape, 42);
 * }
 * }</pre>
 */
public final class SyntheticStore {
    /** The dense layers of the synthetic head, input to output. */
    public static final List<String> LAYERS = List.of("d1", "d2", "fc");
    /** Learning rate eta_c recorded at every checkpoint. */
    public static final double LEARNING_RATE = 1e-3;

    private SyntheticStore() {
    }

    /**
     * @param storeId the store id
     * @param shape the shape
     * @return the store spec of that shape
     */
    public static StoreSpec spec(String storeId, SyntheticShape shape) {
        return StoreSpec.builder(storeId).numExamples(shape.numExamples()).numClasses(shape.numClasses())
                .chunkSize(shape.chunkSize()).build();
    }

    /**
     * Creates a file store at {@code dir} and fills it.
     *
     * @param dir an empty or absent directory
     * @param storeId the store id
     * @param shape the shape
     * @param seed the seed
     */
    public static void createFile(Path dir, String storeId, SyntheticShape shape, long seed) {
        try (ArtifactWriter w = ArtifactStores.create(dir, spec(storeId, shape))) {
            write(w, shape, seed);
        }
    }

    /**
     * @param checkpoint index c in {@code [0, C)}
     * @return the id of that checkpoint, {@code c00}, {@code c01}, ...
     */
    public static String checkpointId(int checkpoint) {
        return String.format("c%02d", checkpoint);
    }

    /**
     * Fills a fresh store: static LABELS and TOKEN_IDS, then C committed checkpoints.
     *
     * @param w a writer of a store created with {@link #spec(String, SyntheticShape)}
     * @param shape the shape
     * @param seed the seed; equal seeds give equal stores
     */
    public static void write(ArtifactWriter w, SyntheticShape shape, long seed) {
        if (w.spec().numExamples() != shape.numExamples() || w.spec().numClasses() != shape.numClasses()) {
            throw new IllegalArgumentException("writer spec " + w.spec() + " does not match " + shape.describe());
        }
        List<ExampleRange> ranges = ranges(shape);
        for (int j = 0; j < ranges.size(); j++) {
            ExampleRange r = ranges.get(j);
            int[] lengths = lengths(shape, seed, j, r.size());
            FastRandom rnd = new FastRandom(seed * 1_000_003L + j);
            int[] labels = new int[r.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rnd.nextInt(shape.numClasses());
            }
            int[] tokens = new int[sum(lengths)];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = rnd.nextZipf(shape.vocabulary());
            }
            put(w, ArtifactKind.LABELS, r.from(), Nd4j.createFromArray(labels));
            putRagged(w, ArtifactKind.TOKEN_IDS, r.from(), Nd4j.createFromArray(tokens), lengths);
        }
        for (int c = 0; c < shape.numCheckpoints(); c++) {
            Checkpoint cp = Checkpoint.builder(checkpointId(c)).step(100L * (c + 1)).epoch(c).learningRate(LEARNING_RATE)
                    .seed(seed).build();
            try (CheckpointWriter cw = w.beginCheckpoint(cp)) {
                if (shape.withDense()) {
                    for (int l = 0; l < LAYERS.size(); l++) {
                        cw.setAttributes(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, LAYERS.get(l)),
                                Map.of("layer-index", Integer.toString(l)));
                    }
                }
                for (int j = 0; j < ranges.size(); j++) {
                    writeCheckpointChunk(cw, shape, seed, c, j, ranges.get(j));
                }
                cw.commit();
            }
        }
    }

    private static void writeCheckpointChunk(CheckpointWriter w, SyntheticShape s, long seed, int c, int j,
            ExampleRange r) {
        int n = r.size();
        int[] lengths = lengths(s, seed, j, n);
        FastRandom labelsRnd = new FastRandom(seed * 1_000_003L + j);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelsRnd.nextInt(s.numClasses());
        }
        FastRandom rnd = new FastRandom((seed * 7919L + c) * 1_000_003L + j);
        if (s.withGradients()) {
            int rows = sum(lengths);
            putRagged(w, ArtifactKind.INPUT_GRADS, r.from(), noise(rnd, rows, s.dim(), 0.01f), lengths);
            putRagged(w, ArtifactKind.EMBEDDING_GRADS, r.from(), noise(rnd, rows, s.dim(), 0.01f), lengths);
        }
        if (s.withDense()) {
            int k = s.numClasses();
            float drift = (float) c / s.numCheckpoints();
            float[] logits = new float[n * k];
            float[] nullLogits = new float[n * k];
            float[] loss = new float[n];
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < k; q++) {
                    logits[i * k + q] = 2f * rnd.nextSignedFloat() + (q == labels[i] ? 2f * drift : 0f);
                    nullLogits[i * k + q] = 0.1f * rnd.nextSignedFloat();
                    max = Math.max(max, logits[i * k + q]);
                }
                double z = 0;
                for (int q = 0; q < k; q++) {
                    z += Math.exp(logits[i * k + q] - max);
                }
                loss[i] = (float) (Math.log(z) + max - logits[i * k + labels[i]]);
            }
            put(w, ArtifactKind.LOGITS, r.from(), Nd4j.createFromArray(logits).reshape(n, k));
            put(w, ArtifactKind.NULL_LOGITS, r.from(), Nd4j.createFromArray(nullLogits).reshape(n, k));
            put(w, ArtifactKind.LOSS, r.from(), Nd4j.createFromArray(loss));
            int[] in = {s.headInput(), s.hidden(), s.hidden()};
            int[] out = {s.hidden(), s.hidden(), k};
            for (int l = 0; l < LAYERS.size(); l++) {
                putLayer(w, ArtifactKind.LAYER_INPUTS, LAYERS.get(l), r.from(), noise(rnd, n, in[l], 1f));
                putLayer(w, ArtifactKind.LAYER_OUTPUT_GRADS, LAYERS.get(l), r.from(), noise(rnd, n, out[l], 0.1f));
            }
        }
    }

    /**
     * The token counts of one chunk, the same for every checkpoint.
     *
     * @param s the shape
     * @param seed the store seed
     * @param chunk the chunk index
     * @param n examples in the chunk
     * @return T_i per example
     */
    static int[] lengths(SyntheticShape s, long seed, int chunk, int n) {
        FastRandom rnd = new FastRandom(seed * 31L + chunk * 0x9E3779B9L + 17);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = s.minTokens() + rnd.nextInt(s.maxTokens() - s.minTokens() + 1);
        }
        return lengths;
    }

    private static List<ExampleRange> ranges(SyntheticShape s) {
        StoreSpec spec = spec("ranges", s);
        return java.util.stream.IntStream.range(0, spec.numChunks()).mapToObj(spec::chunk).toList();
    }

    private static INDArray noise(FastRandom rnd, int rows, int cols, float scale) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * rnd.nextSignedFloat();
        }
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    private static void put(ArtifactSink w, ArtifactKind kind, int from, INDArray values) {
        try (values) {
            w.write(ArtifactKey.of(kind), from, values);
        }
    }

    private static void putLayer(ArtifactSink w, ArtifactKind kind, String layer, int from, INDArray values) {
        try (values) {
            w.write(ArtifactKey.of(kind, layer), from, values);
        }
    }

    private static void putRagged(ArtifactSink w, ArtifactKind kind, int from, INDArray values, int[] lengths) {
        try (values) {
            w.writeRagged(ArtifactKey.of(kind), from, values, lengths);
        }
    }
}
