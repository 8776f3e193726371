// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core;

import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.io.Npy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-example scores (double precision) with the example ids they belong to, the
 * {@link Orientation} that says which end is hard, and the {@link ScoreProvenance} that says where
 * they came from. Immutable.
 *
 * @implNote A final class rather than a record: it holds arrays, copied in and out.
 */
public final class InfluenceScores {
    private final String name;
    private final int[] exampleIds;
    private final double[] values;
    private final Orientation orientation;
    private final ScoreProvenance provenance;

    /**
     * @param name the score's name ({@code "vog"}, {@code "data-map-confidence"})
     * @param exampleIds example ids, strictly increasing
     * @param values one value per id
     * @param orientation which end is hard
     * @param provenance where the scores came from
     */
    public InfluenceScores(String name, int[] exampleIds, double[] values, Orientation orientation,
            ScoreProvenance provenance) {
        this.name = Objects.requireNonNull(name, "name");
        if (exampleIds.length != values.length) {
            throw new IllegalArgumentException(name + ": " + exampleIds.length + " ids but " + values.length + " values");
        }
        for (int i = 1; i < exampleIds.length; i++) {
            if (exampleIds[i] <= exampleIds[i - 1]) {
                throw new IllegalArgumentException(name + ": example ids must be strictly increasing, got "
                        + exampleIds[i - 1] + " then " + exampleIds[i] + " at index " + i);
            }
        }
        this.exampleIds = exampleIds.clone();
        this.values = values.clone();
        this.orientation = Objects.requireNonNull(orientation, "orientation");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** @return the score's name */
    public String name() {
        return name;
    }

    /** @return the number of scored examples */
    public int size() {
        return values.length;
    }

    /** @return a copy of the example ids, strictly increasing */
    public int[] exampleIds() {
        return exampleIds.clone();
    }

    /** @return a copy of the values, aligned with {@link #exampleIds()} */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param index an index in {@code [0, size())}
     * @return the value at that index
     */
    public double value(int index) {
        return values[index];
    }

    /**
     * @param exampleId an example id
     * @return the value of that example
     * @throws IllegalArgumentException if it was not scored
     */
    public double valueOf(int exampleId) {
        int i = Arrays.binarySearch(exampleIds, exampleId);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no score for example " + exampleId);
        }
        return values[i];
    }

    /** @return which end is hard */
    public Orientation orientation() {
        return orientation;
    }

    /** @return where the scores came from */
    public ScoreProvenance provenance() {
        return provenance;
    }

    /** @return the values as a float64 column vector {@code [n]} */
    public INDArray toINDArray() {
        return Nd4j.createFromArray(values.clone());
    }

    /**
     * @return the id of the hardest example by this score's orientation (ties: the lowest id)
     */
    public int hardest() {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (orientation.compareHardness(values[i], values[best]) > 0) {
                best = i;
            }
        }
        return exampleIds[best];
    }

    /**
     * Writes {@code example_id,<name>} rows with values in full precision (shortest round-trip form),
     * after a {@code #} comment line with the orientation. Written to a temporary file and moved into
     * place, so a crash never leaves a half-written file.
     *
     * @param path the CSV file
     */
    public void writeCsv(Path path) {
        writeAtomically(path, out -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("# score=" + name + " orientation=" + orientation + " store=" + provenance.storeId() + "\n");
            w.write("example_id," + name + "\n");
            for (int i = 0; i < values.length; i++) {
                w.write(exampleIds[i] + "," + values[i] + "\n");
            }
            w.flush();
        });
    }

    /**
     * Writes the values as a 1-D {@code <f8} {@code .npy} file (aligned with the example ids, which
     * are 0..N-1 unless a subset was scored) plus {@code <name>.ids.npy} when a subset was scored.
     * Atomic like {@link #writeCsv}.
     *
     * @param path the {@code .npy} file
     */
    public void writeNpy(Path path) {
        writeAtomically(path, out -> Npy.write(values, out));
        boolean contiguous = exampleIds.length == 0 || exampleIds[exampleIds.length - 1] == exampleIds.length - 1;
        if (!contiguous) {
            Path ids = path.resolveSibling(path.getFileName().toString().replaceFirst("\\.npy$", "") + ".ids.npy");
            writeAtomically(ids, out -> Npy.write(Nd4j.createFromArray(exampleIds.clone()), out));
        }
    }

    private static void writeAtomically(Path path, AtomicFiles.Content body) {
        Path abs = path.toAbsolutePath();
        try {
            AtomicFiles.write(abs, body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write scores to " + abs + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "InfluenceScores[" + name + ", n=" + values.length + ", " + orientation + ", store="
                + provenance.storeId() + "]";
    }
}
