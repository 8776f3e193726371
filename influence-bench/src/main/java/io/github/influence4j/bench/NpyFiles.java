// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.bench;

import io.github.influence4j.core.io.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain Java arrays to and from {@code .npy} files (little endian, C order) for the exchange with
 * the Python oracle; headers come from the core codec ({@link Npy}).
 */
final class NpyFiles {
    private NpyFiles() {
    }

    static void writeFloats(Path file, float[] v, long... shape) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        write(file, Npy.header(DataType.FLOAT, shape), bb.array());
    }

    static void writeDoubles(Path file, double[] v, long... shape) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.asDoubleBuffer().put(v);
        write(file, Npy.header(DataType.DOUBLE, shape), bb.array());
    }

    static void writeLongs(Path file, long[] v, long... shape) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(v);
        write(file, Npy.header(DataType.LONG, shape), bb.array());
    }

    private static void write(Path file, byte[] header, byte[] body) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(header);
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static INDArray read(Path file) {
        try {
            return Npy.read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static double[] readDoubles(Path file) {
        try (INDArray a = read(file)) {
            return a.length() == 0 ? new double[0] : a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
        }
    }

    static float[] readFloats(Path file) {
        try (INDArray a = read(file)) {
            return a.castTo(DataType.FLOAT).reshape(a.length()).toFloatVector();
        }
    }

    static long[] readLongs(Path file) {
        try (INDArray a = read(file)) {
            return a.castTo(DataType.LONG).reshape(a.length()).toLongVector();
        }
    }
}
