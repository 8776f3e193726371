// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.testing;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes small hand-made stores for tests, in pieces of the store's chunk size (as a capture would),
 * with float values as FLOAT or DOUBLE.
 */
public final class StoreBuilder {
    private final StoreKind kind;
    private final Path dir;
    private final StoreSpec spec;
    private final ArtifactWriter writer;
    private final DataType floatType;
    private @Nullable CheckpointWriter checkpoint;
    private int step;

    private StoreBuilder(StoreKind kind, Path dir, StoreSpec spec, DataType floatType) {
        this.kind = kind;
        this.dir = dir;
        this.spec = spec;
        this.floatType = floatType;
        this.writer = kind.writer(spec, dir);
    }

    /**
     * @param kind memory or file
     * @param dir a temporary directory
     * @param spec the store's shape
     * @param floatType FLOAT or DOUBLE
     * @return a builder
     */
    public static StoreBuilder create(StoreKind kind, Path dir, StoreSpec spec, DataType floatType) {
        return new StoreBuilder(kind, dir, spec, floatType);
    }

    /**
     * @param n examples
     * @param k classes
     * @return an in-memory float64 builder with chunk size 1024
     */
    public static StoreBuilder memory(int n, int k) {
        return new StoreBuilder(StoreKind.MEMORY, Path.of("unused"), new StoreSpec("test", n, k, 1024), DataType.DOUBLE);
    }

    /**
     * @param labels one per example (LONG)
     * @return this
     */
    public StoreBuilder labels(long... labels) {
        return denseInts(ArtifactKey.of(io.github.influence4j.core.store.ArtifactKind.LABELS), labels);
    }

    /**
     * @param key a static dense integer artifact
     * @param values one per example
     * @return this
     */
    public StoreBuilder denseInts(ArtifactKey key, long[] values) {
        for (int from = 0; from < values.length; from += spec.chunkSize()) {
            int to = Math.min(values.length, from + spec.chunkSize());
            sink(key).write(key, from, Nd4j.createFromArray(java.util.Arrays.copyOfRange(values, from, to)));
        }
        return this;
    }

    /**
     * @param tokens per example, the real token ids
     * @return this
     */
    public StoreBuilder tokens(long[][] tokens) {
        ArtifactKey key = ArtifactKey.of(io.github.influence4j.core.store.ArtifactKind.TOKEN_IDS);
        for (int from = 0; from < tokens.length; from += spec.chunkSize()) {
            int to = Math.min(tokens.length, from + spec.chunkSize());
            int[] lengths = new int[to - from];
            long total = 0;
            for (int i = from; i < to; i++) {
                lengths[i - from] = tokens[i].length;
                total += tokens[i].length;
            }
            long[] flat = new long[(int) total];
            int o = 0;
            for (int i = from; i < to; i++) {
                System.arraycopy(tokens[i], 0, flat, o, tokens[i].length);
                o += tokens[i].length;
            }
            sink(key).writeRagged(key, from, Nd4j.createFromArray(flat), lengths);
        }
        return this;
    }

    /**
     * Commits the previous checkpoint (if any) and begins a new one.
     *
     * @param id the checkpoint id
     * @param learningRate eta
     * @return this
     */
    public StoreBuilder checkpoint(String id, double learningRate) {
        if (checkpoint != null) {
            checkpoint.commit();
        }
        step += 10;
        checkpoint = writer.beginCheckpoint(new Checkpoint(id, step, step / 10 - 1, learningRate, 7));
        return this;
    }

    /**
     * @param key a dense per-checkpoint float artifact
     * @param rows {@code [n][width]}
     * @return this
     */
    public StoreBuilder dense(ArtifactKey key, double[][] rows) {
        for (int from = 0; from < rows.length; from += spec.chunkSize()) {
            int to = Math.min(rows.length, from + spec.chunkSize());
            double[][] part = java.util.Arrays.copyOfRange(rows, from, to);
            sink(key).write(key, from, Nd4j.createFromArray(part).castTo(floatType));
        }
        return this;
    }

    /**
     * @param key a dense per-checkpoint scalar artifact (LOSS)
     * @param values one per example
     * @return this
     */
    public StoreBuilder scalars(ArtifactKey key, double[] values) {
        for (int from = 0; from < values.length; from += spec.chunkSize()) {
            int to = Math.min(values.length, from + spec.chunkSize());
            sink(key).write(key, from, Nd4j.createFromArray(java.util.Arrays.copyOfRange(values, from, to)).castTo(floatType));
        }
        return this;
    }

    /**
     * @param key a ragged per-checkpoint float artifact
     * @param examples {@code [n][T_i][width]}
     * @param width the row width (needed when every T_i of a piece is 0)
     * @return this
     */
    public StoreBuilder ragged(ArtifactKey key, double[][][] examples, int width) {
        for (int from = 0; from < examples.length; from += spec.chunkSize()) {
            int to = Math.min(examples.length, from + spec.chunkSize());
            int[] lengths = new int[to - from];
            int rows = 0;
            for (int i = from; i < to; i++) {
                lengths[i - from] = examples[i].length;
                rows += examples[i].length;
            }
            double[] flat = new double[rows * width];
            int o = 0;
            for (int i = from; i < to; i++) {
                for (double[] r : examples[i]) {
                    System.arraycopy(r, 0, flat, o, width);
                    o += width;
                }
            }
            INDArray v = rows == 0 ? Nd4j.create(floatType, 0, width)
                    : Nd4j.createFromArray(flat).reshape('c', rows, width).castTo(floatType);
            sink(key).writeRagged(key, from, v, lengths);
        }
        return this;
    }

    /** @return the committed store, ready to read */
    public TrainingArtifactStore build() {
        if (checkpoint != null) {
            checkpoint.commit(); // with the static artifacts
            checkpoint = null;
        } else {
            writer.commit();
        }
        return kind.reopen(writer, dir);
    }

    /** @return where {@code key} is written: the open checkpoint, or the writer for static kinds */
    private ArtifactSink sink(ArtifactKey key) {
        return key.kind().isStatic() || checkpoint == null ? writer : checkpoint;
    }
}
