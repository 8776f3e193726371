// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.nlp.text;

import io.github.influence4j.nlp.snli.SnliFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Pre-trained word vectors in the GloVe text format ({@code word v1 ... vD} per line; Pennington,
 * Socher and Manning, EMNLP 2014) with their {@link Vocabulary}.
 *
 * <pre>{@code
 * WordVectors glove = WordVectors.bundledGlove();     // GloVe 6B 100d, SNLI dev+test vocabulary
 * float[][] init = glove.initialMatrix(new java.util.Random(7), 0.1f);
 * }</pre>
 *
 * @param vocabulary the words, ids from {@link Vocabulary#RESERVED} in file order
 * @param dimension D
 * @param vectors row-major {@code [words, D]}; row {@code id - RESERVED} belongs to word {@code id}
 */
public record WordVectors(Vocabulary vocabulary, int dimension, float[] vectors) {
    private static final String BUNDLED = "/io/github/influence4j/nlp/data/glove.6B.100d.snli-devtest.txt.gz";

    /**
     * Checks the sizes agree.
     *
     * @param vocabulary the words, ids from {@link Vocabulary#RESERVED} in file order
     * @param dimension D
     * @param vectors row-major {@code [words, D]}; row {@code id - RESERVED} belongs to word {@code id}
     */
    public WordVectors {
        if ((long) (vocabulary.size() - Vocabulary.RESERVED) * dimension != vectors.length) {
            throw new IllegalArgumentException("vectors hold " + vectors.length + " values; expected "
                    + (vocabulary.size() - Vocabulary.RESERVED) + " words x " + dimension);
        }
    }

    /** @return the bundled GloVe 6B 100d vectors of the SNLI dev+test vocabulary (PDDL 1.0) */
    public static WordVectors bundledGlove() {
        InputStream in = WordVectors.class.getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new SnliFormatException("bundled GloVe file " + BUNDLED + " is missing from the classpath");
        }
        try (in) {
            return read(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a GloVe text file, optionally gzipped
     * @return its vectors
     */
    public static WordVectors read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word vectors " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in GloVe text (gzip detected by magic number); not closed here
     * @param name the source name for error messages
     * @return its vectors
     * @throws SnliFormatException naming the line if a row has the wrong number of values, a bad
     *     number or a duplicate word
     */
    public static WordVectors read(InputStream in, String name) {
        try {
            BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
            b.mark(2);
            int b0 = b.read();
            int b1 = b.read();
            b.reset();
            InputStream data = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(b, 1 << 16) : b;
            BufferedReader r = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
            List<String> words = new ArrayList<>();
            FloatList values = new FloatList();
            int dim = -1;
            int lineNo = 0;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(" ");
                if (dim < 0) {
                    dim = f.length - 1;
                    if (dim < 1) {
                        throw new SnliFormatException(name + ", line " + lineNo + ": expected 'word v1 ... vD', found '"
                                + line + "'");
                    }
                }
                if (f.length - 1 != dim) {
                    throw new SnliFormatException(name + ", line " + lineNo + ": expected " + dim + " values after the"
                            + " word (as on line 1), found " + (f.length - 1));
                }
                if (!seen.add(f[0])) {
                    throw new SnliFormatException(name + ", line " + lineNo + ": duplicate word '" + f[0] + "'");
                }
                words.add(f[0]);
                for (int i = 1; i < f.length; i++) {
                    try {
                        values.add(Float.parseFloat(f[i]));
                    } catch (NumberFormatException e) {
                        throw new SnliFormatException(name + ", line " + lineNo + ", value " + i + ": '" + f[i]
                                + "' is not a number", e);
                    }
                }
            }
            if (dim < 0) {
                throw new SnliFormatException(name + " holds no vectors");
            }
            return new WordVectors(Vocabulary.of(words), dim, values.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word vectors " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The initial embedding matrix {@code [vocabulary.size(), D]}: the padding row zero, the OOV row
     * drawn uniformly from {@code [-scale, scale]}, word rows the pre-trained vectors.
     *
     * @param random the source of the OOV row
     * @param scale half-width of the OOV row's uniform draw
     * @return a fresh row-major matrix
     */
    public float[] initialMatrix(java.util.Random random, float scale) {
        float[] m = new float[vocabulary.size() * dimension];
        for (int j = 0; j < dimension; j++) {
            m[Vocabulary.OOV * dimension + j] = (random.nextFloat() * 2 - 1) * scale;
        }
        System.arraycopy(vectors, 0, m, Vocabulary.RESERVED * dimension, vectors.length);
        return m;
    }

    /** Growable float buffer. */
    private static final class FloatList {
        private float[] a = new float[1 << 16];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
