// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded random projection {@code R [d x P]} of per-example gradients, for
 * {@code PROJECTED_GRADS} (Pruthi et al. 2020, Sec. 3.2 "random projections"; the
 * Johnson-Lindenstrauss lemma): {@code <R g, R g'>} estimates {@code <g, g'>} without bias, with a
 * relative error that falls like {@code 1/sqrt(d)}. Entries are N(0, 1/d) ({@link Kind#GAUSSIAN})
 * or +-1/sqrt(d) ({@link Kind#RADEMACHER}), so that {@code E[R^T R] = I}.
 *
 * <pre>{@code
 * GradientProjection p = GradientProjection.of(GradientProjection.Kind.GAUSSIAN, inputDim, 1024, 42L);
 * double[][] projected = new double[batch][p.dim()];
 * p.projectFactored(outputGrads, inputs, true, 0, projected);    // a dense layer, never forming delta a^T
 * writer.write(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), from, Nd4j.createFromArray(projected));
 * writer.setAttributes(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), p.attributes());
 * }</pre>
 *
 * @implNote Entry {@code R[r, j]} is a pure function of (seed, r, j): a SplitMix64 hash of
 *     {@code r * P + j} under the scrambled seed gives the sign (Rademacher) or two uniforms for a
 *     Box-Muller normal (Gaussian). No matrix is stored, any slice can be generated in any order,
 *     and the projection of a factored gradient {@code delta a^T} is
 *     {@code sum_{o,i} R[:, col(o,i)] delta_o a_i} without the outer product. The gradient is
 *     laid out as the concatenation of its groups; a factored dense layer with O outputs and I
 *     inputs occupies {@code O*I} columns for W row-major ({@code col(o, i) = o*I + i}, PyTorch's
 *     {@code [out, in]}), followed by O columns for the bias.
 */
public final class GradientProjection {
    /** The distribution of the entries. */
    public enum Kind {
        /** N(0, 1/d). */
        GAUSSIAN,
        /** +-1/sqrt(d) with probability 1/2 each. */
        RADEMACHER
    }

    /** Prefix of every attribute written by {@link #attributes()}. */
    public static final String ATTRIBUTE_PREFIX = "projection";
    /** Attribute: the {@link Kind}, lower case. */
    public static final String KIND = "projection";
    /** Attribute: d, the output dimension. */
    public static final String DIM = "projection-dim";
    /** Attribute: P, the input dimension. */
    public static final String INPUT_DIM = "projection-input-dim";
    /** Attribute: the seed. */
    public static final String SEED = "projection-seed";
    /** Attribute: the entry-generation scheme, {@value #SCHEME_V1}. */
    public static final String SCHEME = "projection-scheme";
    /** The current entry-generation scheme. */
    public static final String SCHEME_V1 = "splitmix64-v1";

    private final Kind kind;
    private final long inputDim;
    private final int dim;
    private final long seed;
    private final long base;
    private final double scale;

    private GradientProjection(Kind kind, long inputDim, int dim, long seed) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (inputDim < 1 || dim < 1) {
            throw new IllegalArgumentException("input and output dimensions must be >= 1, were " + inputDim + ", " + dim);
        }
        if (inputDim > Long.MAX_VALUE / dim) {
            throw new IllegalArgumentException("d x P = " + dim + " x " + inputDim + " exceeds 2^63 entries");
        }
        this.inputDim = inputDim;
        this.dim = dim;
        this.seed = seed;
        this.base = mix(seed ^ 0x5DEECE66DL);
        this.scale = 1.0 / Math.sqrt(dim);
    }

    /**
     * @param kind the entry distribution
     * @param inputDim P, the length of the gradients projected
     * @param dim d, the length of the projections
     * @param seed the seed
     * @return the projection
     */
    public static GradientProjection of(Kind kind, long inputDim, int dim, long seed) {
        return new GradientProjection(kind, inputDim, dim, seed);
    }

    /**
     * @param attributes an artifact's attributes, as {@link #attributes()} wrote them
     * @param where what they belong to, for messages
     * @return the projection
     * @throws ConfigurationException if an attribute is missing or invalid
     */
    public static GradientProjection fromAttributes(Map<String, String> attributes, String where) {
        String scheme = attributes.get(SCHEME);
        if (scheme != null && !scheme.equals(SCHEME_V1)) {
            throw new ConfigurationException(where + ": projection scheme '" + scheme + "' is unknown; this version "
                    + "reads '" + SCHEME_V1 + "'");
        }
        try {
            Kind k = Kind.valueOf(require(attributes, KIND, where).toUpperCase(Locale.ROOT));
            return of(k, Long.parseLong(require(attributes, INPUT_DIM, where)),
                    Integer.parseInt(require(attributes, DIM, where)), Long.parseLong(require(attributes, SEED, where)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": invalid projection attributes " + attributes + ": "
                    + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> attributes, String key, String where) {
        String v = attributes.get(key);
        if (v == null) {
            throw new ConfigurationException(where + " lacks the attribute '" + key + "' (has " + attributes.keySet()
                    + "); write GradientProjection.attributes() with the projected gradients");
        }
        return v;
    }

    /** @return the attributes to record with {@code PROJECTED_GRADS}: kind, dimensions, seed, scheme */
    public Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KIND, kind.name().toLowerCase(Locale.ROOT));
        m.put(DIM, Integer.toString(dim));
        m.put(INPUT_DIM, Long.toString(inputDim));
        m.put(SEED, Long.toString(seed));
        m.put(SCHEME, SCHEME_V1);
        return m;
    }

    /** @return the entry distribution */
    public Kind kind() {
        return kind;
    }

    /** @return d */
    public int dim() {
        return dim;
    }

    /** @return P */
    public long inputDim() {
        return inputDim;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param row a row in {@code [0, d)}
     * @param column a column in {@code [0, P)}
     * @return {@code R[row, column]}
     */
    public double entry(int row, long column) {
        long h = mix(base + (row * inputDim + column) * 0x9E3779B97F4A7C15L);
        if (kind == Kind.RADEMACHER) {
            return h < 0 ? -scale : scale;
        }
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53;
        double u2 = (mix(h ^ 0xD1B54A32D192ED03L) >>> 11) * 0x1.0p-53;
        return scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private void column(long column, double[] out) {
        if (column < 0 || column >= inputDim) {
            throw new IndexOutOfBoundsException("column " + column + " outside [0, " + inputDim + ")");
        }
        for (int r = 0; r < dim; r++) {
            out[r] = entry(r, column);
        }
    }

    /**
     * @param gradient a full gradient of length P
     * @return {@code R g}, length d
     */
    public double[] project(double[] gradient) {
        if (gradient.length != inputDim) {
            throw new IllegalArgumentException("gradient of length " + gradient.length + ", projection input is " + inputDim);
        }
        double[][] out = new double[1][dim];
        projectSegment(new double[][] {gradient}, 0, out);
        return out[0];
    }

    /**
     * Adds the projection of one segment of a batch of gradients: {@code out[b] += R[:, off .. off+w) rows[b]}.
     * Each column of R is generated once per call, whatever the batch size.
     *
     * @param rows the segment of each example's gradient, all of one width w
     * @param columnOffset where the segment starts in the full gradient
     * @param out one {@code double[d]} per example, added to
     */
    public void projectSegment(double[][] rows, long columnOffset, double[][] out) {
        int w = rows.length == 0 ? 0 : rows[0].length;
        double[] col = new double[dim];
        for (int j = 0; j < w; j++) {
            boolean any = false;
            for (double[] row : rows) {
                any |= row[j] != 0;
            }
            if (!any) {
                continue;
            }
            column(columnOffset + j, col);
            for (int b = 0; b < rows.length; b++) {
                axpy(rows[b][j], col, out[b]);
            }
        }
    }

    /**
     * Adds the projection of a factored dense-layer gradient {@code dL/dW = delta a^T},
     * {@code dL/db = delta} (layout in the class notes), without forming the outer product.
     *
     * @param outputGrads delta of each example, length O
     * @param inputs a of each example, length I
     * @param bias include the bias columns
     * @param columnOffset where the layer starts in the full gradient
     * @param out one {@code double[d]} per example, added to
     */
    public void projectFactored(double[][] outputGrads, double[][] inputs, boolean bias, long columnOffset,
            double[][] out) {
        int o = outputGrads.length == 0 ? 0 : outputGrads[0].length;
        int in = inputs.length == 0 ? 0 : inputs[0].length;
        double[] col = new double[dim];
        for (int p = 0; p < o; p++) {
            for (int i = 0; i < in; i++) {
                column(columnOffset + (long) p * in + i, col);
                for (int b = 0; b < outputGrads.length; b++) {
                    axpy(outputGrads[b][p] * inputs[b][i], col, out[b]);
                }
            }
        }
        if (bias) {
            for (int p = 0; p < o; p++) {
                column(columnOffset + (long) o * in + p, col);
                for (int b = 0; b < outputGrads.length; b++) {
                    axpy(outputGrads[b][p], col, out[b]);
                }
            }
        }
    }

    /**
     * @param outputs O
     * @param inputs I
     * @param bias whether the bias is included
     * @return the columns a factored dense layer occupies
     */
    public static long factoredWidth(int outputs, int inputs, boolean bias) {
        return (long) outputs * inputs + (bias ? outputs : 0);
    }

    private static void axpy(double a, double[] x, double[] y) {
        if (a == 0) {
            return;
        }
        for (int r = 0; r < x.length; r++) {
            y[r] += a * x[r];
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientProjection p && p.kind == kind && p.inputDim == inputDim && p.dim == dim
                && p.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, inputDim, dim, seed);
    }

    @Override
    public String toString() {
        return "GradientProjection[" + kind + ", " + inputDim + " -> " + dim + ", seed " + seed + "]";
    }
}
