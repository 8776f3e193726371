// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Train-to-test influence as a dense {@code [test x train]} matrix of doubles (docs/DESIGN.md section 1.1):
 * entry {@code (m, n)} is the influence of training example {@code trainIds[n]} on test example
 * {@code testIds[m]}. Sign convention: <b>positive = proponent</b> (training on the example lowers
 * the test loss; Pruthi et al. 2020, Eq. 1), negative = opponent. Immutable.
 *
 * <pre>{@code
 * InfluenceMatrix m = Scorers.tracIn(trainStore, testStore).matrix();
 * double v = m.value(0, 17);             // influence of train example trainIds()[17] on test example testIds()[0]
 * }</pre>
 *
 * @implNote Values are held row-major in one {@code double[]}, so one matrix holds at most
 *     {@code Integer.MAX_VALUE - 8} entries; scorers refuse larger ones before computing them.
 */
public final class InfluenceMatrix {
    private final String name;
    private final int[] testIds;
    private final int[] trainIds;
    private final double[] values;
    private final ScoreProvenance provenance;

    /**
     * @param name the score's name ({@code "tracin"}, {@code "tracin-we"})
     * @param testIds test example ids (rows), strictly increasing
     * @param trainIds training example ids (columns), strictly increasing
     * @param values {@code testIds.length * trainIds.length} values, row-major; copied
     * @param provenance where the values came from (the training store; the test store in its options)
     */
    public InfluenceMatrix(String name, int[] testIds, int[] trainIds, double[] values, ScoreProvenance provenance) {
        this.name = Objects.requireNonNull(name, "name");
        checkIncreasing(name, "test", testIds);
        checkIncreasing(name, "train", trainIds);
        if ((long) testIds.length * trainIds.length != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + testIds.length
                    + " test x " + trainIds.length + " train examples");
        }
        this.testIds = testIds.clone();
        this.trainIds = trainIds.clone();
        this.values = values.clone();
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    private static void checkIncreasing(String name, String what, int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException(name + ": " + what + " ids must be strictly increasing, got "
                        + ids[i - 1] + " then " + ids[i] + " at index " + i);
            }
        }
    }

    /** @return the score's name */
    public String name() {
        return name;
    }

    /** @return the number of rows (test examples) */
    public int numTest() {
        return testIds.length;
    }

    /** @return the number of columns (training examples) */
    public int numTrain() {
        return trainIds.length;
    }

    /** @return a copy of the test example ids (rows) */
    public int[] testIds() {
        return testIds.clone();
    }

    /** @return a copy of the training example ids (columns) */
    public int[] trainIds() {
        return trainIds.clone();
    }

    /**
     * @param testIndex a row index in {@code [0, numTest())}
     * @param trainIndex a column index in {@code [0, numTrain())}
     * @return the influence of that training example on that test example (positive = proponent)
     */
    public double value(int testIndex, int trainIndex) {
        Objects.checkIndex(testIndex, testIds.length);
        Objects.checkIndex(trainIndex, trainIds.length);
        return values[testIndex * trainIds.length + trainIndex];
    }

    /**
     * @param testIndex a row index in {@code [0, numTest())}
     * @return a copy of that row: the influence of every training example on that test example
     */
    public double[] row(int testIndex) {
        Objects.checkIndex(testIndex, testIds.length);
        int from = testIndex * trainIds.length;
        return Arrays.copyOfRange(values, from, from + trainIds.length);
    }

    /** @return a copy of all values, row-major {@code [test x train]} */
    public double[] values() {
        return values.clone();
    }

    /** @return where the values came from */
    public ScoreProvenance provenance() {
        return provenance;
    }

    /** @return the values as a float64 {@code [numTest, numTrain]} array */
    public INDArray toINDArray() {
        return Nd4j.create(values.clone(), new long[] {testIds.length, trainIds.length}, DataType.DOUBLE);
    }

    /**
     * Writes the matrix as a 2-D {@code <f8} {@code .npy} file, written to a temporary name and moved
     * into place.
     *
     * @param path the {@code .npy} file
     */
    public void writeNpy(Path path) {
        Path abs = path.toAbsolutePath();
        try {
            AtomicFiles.write(abs, out -> Npy.write(toINDArray(), out));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write influence matrix to " + abs + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "InfluenceMatrix[" + name + ", " + testIds.length + " test x " + trainIds.length + " train, store="
                + provenance.storeId() + "]";
    }
}
