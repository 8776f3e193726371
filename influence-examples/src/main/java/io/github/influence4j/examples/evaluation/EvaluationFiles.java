// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.influence4j.core.io.AtomicFiles;
import io.github.influence4j.core.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** JSON and .npy files of an evaluation directory, written atomically. */
public final class EvaluationFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvaluationFiles() {
    }

    static <T> Optional<T> read(Path f, Class<T> type) {
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + " (" + e.getMessage() + "); delete it to redo that step", e);
        }
    }

    static void write(Path f, Object value) {
        try {
            AtomicFiles.write(f, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    static void writeMatrix(Path f, double[][] m) {
        double[] flat = new double[m.length * (m.length == 0 ? 0 : m[0].length)];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, flat, i * m[i].length, m[i].length);
        }
        try {
            AtomicFiles.write(f, out -> Npy.write(flat, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    static double[][] readMatrix(Path f, int rows) {
        try {
            double[] flat = Npy.read(Files.readAllBytes(f), f.toString()).castTo(DataType.DOUBLE).toDoubleVector();
            if (flat.length % rows != 0) {
                throw new IllegalStateException(f + " holds " + flat.length + " values, not a multiple of " + rows
                        + " rows; delete it to recompute");
            }
            int cols = flat.length / rows;
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(flat, i * cols, m[i], 0, cols);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
