// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The TRAK features of one checkpoint (Park et al. 2023, Sec. 3): {@code phi(x) = P^T grad f(x)}
 * with f the margin {@code log(p_y / (1 - p_y))}, obtained from the captured loss gradients as
 * {@code grad f = -grad L / (1 - p_y)} (see {@link TrakScorer}), and {@code Q = 1 - p_y}.
 */
final class TrakFeatures {
    /**
     * One range's features.
     *
     * @param size examples
     * @param phi {@code [size x dim]} row-major
     * @param dim k
     * @param q {@code 1 - p_y} per example
     */
    record Block(int size, double[] phi, int dim, double[] q) {
    }

    private final Checkpoint checkpoint;
    private final @Nullable GradientProjection projection;
    private final int dim;
    private final String description;

    private TrakFeatures(Checkpoint checkpoint, @Nullable GradientProjection projection, int dim, String description) {
        this.checkpoint = checkpoint;
        this.projection = projection;
        this.dim = dim;
        this.description = description;
    }

    static TrakFeatures of(TrainingArtifactStore store, List<GradientGroup> groups, Checkpoint c, int dim, long seed,
            GradientProjection.Kind kind) {
        long width = 0;
        for (GradientGroup g : groups) {
            if (g instanceof GradientGroup.Factored f) {
                long in = vector(store, c, f.keys().get(0));
                long out = vector(store, c, f.keys().get(1));
                width += GradientProjection.factoredWidth((int) out, (int) in, f.bias());
            } else {
                width += vector(store, c, g.keys().get(0));
            }
        }
        if (groups.size() == 1 && groups.get(0) instanceof GradientGroup.Projected) {
            return new TrakFeatures(c, null, (int) width, "captured PROJECTED_GRADS, k = " + width);
        }
        if (width <= dim) {
            return new TrakFeatures(c, null, (int) width, "none: the gradient width " + width + " <= k = " + dim
                    + ", the gradients are used as they are");
        }
        GradientProjection p = GradientProjection.of(kind, width, dim, seed);
        return new TrakFeatures(c, p, dim, p.attributes().toString());
    }

    private static long vector(TrainingArtifactStore store, Checkpoint c, ArtifactKey key) {
        ArtifactInfo info = store.artifacts(c.id()).get(key);
        if (info == null || info.exampleShape().size() != 1) {
            throw new CorruptStoreException(key + " at checkpoint '" + c.id() + "' of store '" + store.id()
                    + "' must hold a vector per example, has " + (info == null ? "nothing" : info.exampleShape()));
        }
        return info.exampleShape().get(0);
    }

    /** @return k */
    int dim() {
        return dim;
    }

    /** @return the projection used, for provenance */
    String describe() {
        return description;
    }

    /**
     * @param store a store of this checkpoint's model
     * @param groups the plan's groups
     * @param range the examples
     * @return their features and {@code 1 - p_y}
     */
    Block read(TrainingArtifactStore store, List<GradientGroup> groups, ExampleRange range) {
        int n = range.size();
        double[] q = oneMinusP(store, range);
        double[][] phi = new double[n][dim];
        List<GroupBlock> blocks;
        try (GradientReader reader = new GradientReader(store, groups, range)) {
            blocks = reader.read(checkpoint.id());
        }
        long offset = 0;
        for (GroupBlock b : blocks) {
            if (b instanceof GroupBlock.Factored f) {
                double[][] d = rows(f.d(), n, f.out());
                double[][] a = rows(f.a(), n, f.in());
                if (projection != null) {
                    projection.projectFactored(d, a, f.bias(), offset, phi);
                } else {
                    for (int i = 0; i < n; i++) {
                        int at = (int) offset;
                        for (int o = 0; o < f.out(); o++) {
                            for (int x = 0; x < f.in(); x++) {
                                phi[i][at++] = d[i][o] * a[i][x];
                            }
                        }
                        if (f.bias()) {
                            System.arraycopy(d[i], 0, phi[i], at, f.out());
                        }
                    }
                }
                offset += GradientProjection.factoredWidth(f.out(), f.in(), f.bias());
            } else {
                GroupBlock.Dense g = (GroupBlock.Dense) b;
                double[][] rows = rows(g.g(), n, g.width());
                if (projection != null) {
                    projection.projectSegment(rows, offset, phi);
                } else {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(rows[i], 0, phi[i], (int) offset, g.width());
                    }
                }
                offset += g.width();
            }
        }
        double[] flat = new double[n * dim];
        for (int i = 0; i < n; i++) {
            double s = -1.0 / q[i];
            for (int c = 0; c < dim; c++) {
                flat[i * dim + c] = s * phi[i][c];
            }
        }
        return new Block(n, flat, dim, q);
    }

    /** {@code 1 - p_y = sum_{j != y} softmax(z)_j}, from LOGITS and the static LABELS. */
    private double[] oneMinusP(TrainingArtifactStore store, ExampleRange range) {
        double[] z;
        int classes;
        try (ArtifactChunk c = store.read(checkpoint.id(), ArtifactKey.of(ArtifactKind.LOGITS), range)) {
            classes = (int) c.info().shape()[0];
            z = GradientReader.doubles(c.values());
        }
        double[] labels;
        try (ArtifactChunk c = store.readStatic(ArtifactKey.of(ArtifactKind.LABELS), range)) {
            labels = GradientReader.doubles(c.values());
        }
        double[] q = new double[range.size()];
        for (int i = 0; i < q.length; i++) {
            int y = (int) labels[i];
            if (y < 0 || y >= classes || y != labels[i]) {
                throw new CorruptStoreException("label " + labels[i] + " of example " + (range.from() + i) + " in store '"
                        + store.id() + "' is not a class index in [0, " + classes + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[i * classes + j]);
            }
            double all = 0;
            double others = 0;
            for (int j = 0; j < classes; j++) {
                double e = Math.exp(z[i * classes + j] - max);
                all += e;
                if (j != y) {
                    others += e;
                }
            }
            q[i] = Math.max(others / all, Double.MIN_NORMAL);
        }
        return q;
    }

    private static double[][] rows(double[] flat, int n, int w) {
        double[][] r = new double[n][w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * w, r[i], 0, w);
        }
        return r;
    }
}
