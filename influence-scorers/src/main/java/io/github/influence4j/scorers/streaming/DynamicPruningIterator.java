// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DataSetIterator} over an in-memory data set that asks a {@link DynamicPruning} which
 * examples each epoch trains on: the training-loop side of dynamic pruning for
 * {@code MultiLayerNetwork.fit(iterator, epochs)}, {@code ComputationGraph.fit} and
 * {@code SameDiff.fit}, which reset the iterator between epochs (after the epoch-end listeners, so a
 * capture listener at epoch ends has scored the epoch before the next one is chosen).
 *
 * <pre>{@code
 * DynamicPruningIterator it = new DynamicPruningIterator(dataSet, 32, pruning, seed);
 * net.addListeners(Dl4jCaptureListener.builder(capture, net, CaptureData.of(dataSet), streaming.writer()).build());
 * net.fit(it, epochs);
 * }</pre>
 *
 * @implNote Each epoch's examples are shuffled with a {@link Random} seeded once, then cut into
 *     batches in that order. A {@code reset()} before any batch of the current epoch was taken does
 *     not start a new epoch, so an extra reset by the training loop does not skip one.
 */
public final class DynamicPruningIterator implements DataSetIterator {
    /** Serial form version (DataSetIterator is Serializable; the data and the pruning are not kept). */
    private static final long serialVersionUID = 1L;

    private final transient DataSet data;
    /** Examples per batch. */
    private final int batchSize;
    private final transient DynamicPruning pruning;
    private final transient Random random;
    /** Every example id. */
    private final int[] pool;
    private final transient List<int[]> epochs = new ArrayList<>();
    private transient @Nullable DataSetPreProcessor preProcessor;
    /** The current epoch's examples in batch order. */
    private int[] order = new int[0];
    /** The next position in {@link #order}. */
    private int cursor;
    /** The current epoch, 0-based. */
    private int epoch = -1;

    /**
     * @param data every example, row i = example id i
     * @param batchSize examples per batch
     * @param pruning which examples each epoch trains on
     * @param seed the shuffle's seed
     */
    public DynamicPruningIterator(DataSet data, int batchSize, DynamicPruning pruning, long seed) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.pruning = Objects.requireNonNull(pruning, "pruning");
        this.random = new Random(seed);
        this.pool = java.util.stream.IntStream.range(0, data.numExamples()).toArray();
        startEpoch();
    }

    private void startEpoch() {
        epoch++;
        int[] ids = pruning.examples(epoch, pool);
        epochs.add(ids.clone());
        order = ids.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        cursor = 0;
    }

    /** @return the example ids of every epoch started so far (sorted), in order */
    public List<int[]> epochExamples() {
        return epochs.stream().map(int[]::clone).toList();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no batch left; reset() starts the next");
        }
        int to = Math.min(order.length, cursor + num);
        long[] rows = new long[to - cursor];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = order[cursor + i];
        }
        cursor = to;
        DataSet ds = new DataSet(Nd4j.pullRows(data.getFeatures(), 1, toInts(rows)),
                Nd4j.pullRows(data.getLabels(), 1, toInts(rows)));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            startEpoch();
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return List.of();
    }
}
