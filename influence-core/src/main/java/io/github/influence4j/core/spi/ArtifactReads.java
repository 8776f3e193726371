// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads artifacts of one example range into plain Java arrays in float64 (scorers loop over small
 * per-example math in Java: cheaper than one ND4J op per example) and validates what the score
 * definitions assume: labels in {@code [0, K)}, logits of width K, a known per-row width for
 * ragged gradients. Every error names the scorer, the store, the checkpoint, the example and the
 * artifact. A {@link NumericalException} raised by the store (NaN or infinity) is re-thrown with the
 * scorer's name prepended, its message (checkpoint, example, kind) and cause kept.
 */
public final class ArtifactReads {
    private static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);

    private ArtifactReads() {
    }

    /**
     * Ragged float64 values of one example range.
     *
     * @param values the real positions of all examples, concatenated, row-major: {@code [sum T_i * width]}
     * @param lengths T_i per example
     * @param width elements per position (D for gradients, 1 for token ids)
     */
    public record Ragged(double[] values, int[] lengths, int width) {
        /** @return the total number of positions, {@code sum T_i} */
        public int rows() {
            return values.length / Math.max(1, width);
        }
    }

    /**
     * Reads and checks the gold labels of a range.
     *
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param range the examples
     * @return one label per example, each in {@code [0, K)}
     * @throws MissingArtifactException if the store holds no {@code LABELS}
     * @throws IncompatibleStoreException naming the first example whose label is outside {@code [0, K)}
     */
    public static int[] labels(TrainingArtifactStore store, String scorer, ExampleRange range) {
        requireLabels(store, scorer);
        long[] raw;
        try (ArtifactChunk chunk = store.readStatic(LABELS, range)) {
            INDArray v = chunk.values();
            raw = v.isEmpty() ? new long[0] : flatLongs(v);
        }
        int k = store.numClasses();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < 0 || raw[i] >= k) {
                throw new IncompatibleStoreException(scorer + ": LABELS of example " + (range.from() + i) + " in store '"
                        + store.id() + "' is " + raw[i] + "; expected a class index in [0, " + k + ") (K = " + k
                        + " from the store's spec). Fix the labels, or create the store with numClasses > " + raw[i]);
            }
            out[i] = (int) raw[i];
        }
        return out;
    }

    /**
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @throws MissingArtifactException if the store holds no {@code LABELS}
     */
    public static void requireLabels(TrainingArtifactStore store, String scorer) {
        if (!store.hasStatic(LABELS)) {
            throw new MissingArtifactException(scorer + " needs LABELS (the gold class of every example); store '"
                    + store.id() + "' holds static artifacts " + store.staticArtifacts().keySet()
                    + ". Write them with ArtifactWriter.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels).");
        }
    }

    /**
     * Reads a dense per-checkpoint artifact and checks its per-example width.
     *
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param checkpoint the checkpoint
     * @param key a dense artifact
     * @param range the examples
     * @param width the expected number of elements per example, or {@code -1} for any
     * @return {@code [n * width]} row-major float64 values
     * @throws IncompatibleStoreException if the per-example shape is not {@code [width]}
     */
    public static double[] dense(TrainingArtifactStore store, String scorer, Checkpoint checkpoint, ArtifactKey key,
            ExampleRange range, long width) {
        try (ArtifactChunk chunk = read(store, scorer, checkpoint, key, range)) {
            ArtifactInfo info = chunk.info();
            long per = info.elementsPerRow();
            if (width >= 0 && per != width) {
                throw new IncompatibleStoreException(scorer + ": " + key + " at checkpoint '" + checkpoint.id()
                        + "' of store '" + store.id() + "' has per-example shape " + info.exampleShape()
                        + "; expected [" + width + "]" + (key.kind() == ArtifactKind.LOGITS
                        || key.kind() == ArtifactKind.NULL_LOGITS ? " (K = " + store.numClasses() + " classes)" : "")
                        + ". Re-capture it with the model's output width, or fix the store's numClasses.");
            }
            return chunk.values().isEmpty() ? new double[0] : flatDoubles(chunk.values());
        }
    }

    /**
     * Reads a ragged per-checkpoint artifact (real positions only).
     *
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param checkpoint the checkpoint
     * @param key a ragged artifact
     * @param range the examples
     * @return the values, lengths and width
     */
    public static Ragged ragged(TrainingArtifactStore store, String scorer, Checkpoint checkpoint, ArtifactKey key,
            ExampleRange range) {
        ArtifactInfo info = store.artifacts(checkpoint.id()).get(key);
        if (info == null || !info.isRagged()) { // the store's own read says what is wrong
            try (ArtifactChunk chunk = read(store, scorer, checkpoint, key, range)) {
                return toRagged(chunk);
            }
        }
        int[] lengths = new int[range.size()];
        try {
            double[] values = store.readRaggedDoubles(checkpoint.id(), key, range, lengths);
            return new Ragged(values, lengths, Math.toIntExact(info.elementsPerRow()));
        } catch (NumericalException e) {
            throw new NumericalException(scorer + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a ragged static artifact (token ids) as float64 (ids up to 2^53 are exact).
     *
     * @param store the store
     * @param scorer the scorer's name, for messages
     * @param key a ragged static artifact
     * @param range the examples
     * @return the values, lengths and width
     */
    public static Ragged raggedStatic(TrainingArtifactStore store, String scorer, ArtifactKey key, ExampleRange range) {
        if (!store.hasStatic(key)) {
            throw new MissingArtifactException(scorer + " needs " + key + "; store '" + store.id()
                    + "' holds static artifacts " + store.staticArtifacts().keySet() + ". Write them before scoring.");
        }
        ArtifactInfo info = store.staticArtifacts().get(key);
        if (!info.isRagged()) {
            try (ArtifactChunk chunk = store.readStatic(key, range)) {
                return toRagged(chunk);
            }
        }
        int[] lengths = new int[range.size()];
        double[] values = store.readRaggedDoubles("", key, range, lengths);
        return new Ragged(values, lengths, Math.toIntExact(info.elementsPerRow()));
    }

    private static Ragged toRagged(ArtifactChunk chunk) {
        int n = chunk.size();
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = chunk.length(i);
        }
        int width = Math.toIntExact(chunk.info().elementsPerRow());
        double[] values = chunk.values().isEmpty() ? new double[0] : flatDoubles(chunk.values());
        return new Ragged(values, lengths, width);
    }

    private static ArtifactChunk read(TrainingArtifactStore store, String scorer, Checkpoint checkpoint,
            ArtifactKey key, ExampleRange range) {
        try {
            return store.read(checkpoint.id(), key, range);
        } catch (NumericalException e) {
            throw new NumericalException(scorer + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param array any array
     * @return its elements in C order as float64
     * @implNote A chunk fresh from a store is a dense C-order buffer: its floats are widened straight
     *     from the off-heap buffer (no intermediate ND4J arrays: 4.6x faster in the bench's
     *     {@code ConversionBenchmarks}, and no native garbage left for the GC to find). Other arrays
     *     go through a cast and a C-order copy, both closed here.
     */
    public static double[] flatDoubles(INDArray array) {
        int n = Math.toIntExact(array.length());
        if (n == 0) {
            return new double[0];
        }
        if (isPlainBuffer(array)) {
            Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
            ByteBuffer bb = array.data().asNio().order(ByteOrder.nativeOrder());
            double[] out = new double[n];
            switch (array.dataType()) {
                case FLOAT -> {
                    FloatBuffer fb = bb.asFloatBuffer();
                    for (int i = 0; i < n; i++) {
                        out[i] = fb.get(i);
                    }
                    return out;
                }
                case DOUBLE -> {
                    bb.asDoubleBuffer().get(out);
                    return out;
                }
                case HALF -> {
                    java.nio.ShortBuffer sb = bb.asShortBuffer();
                    for (int i = 0; i < n; i++) {
                        out[i] = io.github.influence4j.core.io.Float16.toFloat(sb.get(i));
                    }
                    return out;
                }
                default -> {
                    // INT and LONG ids take the generic path below
                }
            }
        }
        return castAndCopy(array, DataType.DOUBLE, d -> {
            double[] all = d.data().asDouble();
            return all.length == d.length() ? all
                    : Arrays.copyOfRange(all, (int) d.offset(), (int) (d.offset() + d.length()));
        });
    }

    /** Casts to {@code type}, copies in C order and reads the copy, closing both intermediates. */
    private static <T> T castAndCopy(INDArray array, DataType type, java.util.function.Function<INDArray, T> read) {
        INDArray cast = array.castTo(type);
        INDArray d = cast.dup('c');
        try {
            return read.apply(d);
        } finally {
            d.close();
            if (cast != array) {
                cast.close();
            }
        }
    }

    private static boolean isPlainBuffer(INDArray array) {
        return !array.isView() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length();
    }

    private static long[] flatLongs(INDArray array) {
        return castAndCopy(array, DataType.LONG, d -> {
            long[] all = d.data().asLong();
            return all.length == d.length() ? all
                    : Arrays.copyOfRange(all, (int) d.offset(), (int) (d.offset() + d.length()));
        });
    }

    /**
     * Checks that two ragged reads of the same range hold the same positions.
     *
     * @param scorer the scorer's name
     * @param store the store
     * @param key the artifact read
     * @param range the examples
     * @param first the reference read and where it came from
     * @param firstWhere e.g. {@code "checkpoint 'c0'"}
     * @param other another read
     * @param otherWhere where it came from
     * @throws IncompatibleStoreException naming the first example whose length or width differs
     */
    public static void requireSameShape(String scorer, TrainingArtifactStore store, String key, ExampleRange range,
            Ragged first, String firstWhere, Ragged other, String otherWhere) {
        if (first.width() != other.width()) {
            throw new IncompatibleStoreException(scorer + ": " + key + " has " + other.width() + " elements per position at "
                    + otherWhere + " but " + first.width() + " at " + firstWhere + " in store '" + store.id()
                    + "'; every checkpoint must be captured from the same model shape");
        }
        for (int i = 0; i < first.lengths().length; i++) {
            if (first.lengths()[i] != other.lengths()[i]) {
                throw new IncompatibleStoreException(scorer + ": " + key + " of example " + (range.from() + i) + " has "
                        + other.lengths()[i] + " positions at " + otherWhere + " but " + first.lengths()[i] + " at "
                        + firstWhere + " in store '" + store.id() + "'; the score compares the same real positions"
                        + " across checkpoints: re-capture so that every checkpoint holds the same tokens");
            }
        }
    }

    /**
     * @param checkpoints checkpoints
     * @return their ids
     */
    public static List<String> ids(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::id).toList();
    }
}
