// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the vendored UCI "Optical Recognition of Handwritten Digits" splits (Alpaydin and Kaynak
 * 1998, CC BY 4.0; see {@code PROVENANCE.md} next to the data): 64 features, pixel counts 0..16 of
 * 4x4 blocks of a 32x32 bitmap, and the digit 0..9.
 */
public final class OptDigits {
    /** Number of features per example. */
    public static final int FEATURES = 64;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private OptDigits() {
    }

    /** The official splits. */
    public enum Split {
        /** {@code optdigits.tra}: 3,823 examples from 30 writers. */
        TRAIN("optdigits.tra.gz"),
        /** {@code optdigits.tes}: 1,797 examples from 13 other writers. */
        TEST("optdigits.tes.gz");

        private final String resource;

        Split(String resource) {
            this.resource = resource;
        }
    }

    /**
     * @param features {@code [N, 64]} float32, pixel counts scaled to [0, 1] (divided by 16)
     * @param labels the digit of each example
     */
    public record Digits(INDArray features, int[] labels) {
        /** @return N */
        public int size() {
            return labels.length;
        }
    }

    /**
     * @param split which split
     * @return its examples in file order
     * @throws UncheckedIOException if the resource is missing or malformed
     */
    public static Digits load(Split split) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = OptDigits.class.getResourceAsStream(split.resource)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException("resource " + split.resource + " not found next to "
                        + OptDigits.class.getName()));
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(",");
                if (f.length != FEATURES + 1) {
                    throw new UncheckedIOException(new IOException(split.resource + " line " + lineNo + ": expected "
                            + (FEATURES + 1) + " comma-separated values, got " + f.length));
                }
                float[] row = new float[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    row[j] = Integer.parseInt(f[j]) / 16f;
                }
                rows.add(row);
                labels.add(Integer.parseInt(f[FEATURES]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + split.resource, e);
        }
        return new Digits(Nd4j.createFromArray(rows.toArray(new float[0][])),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
