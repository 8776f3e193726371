// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.examples.evaluation;

import io.github.influence4j.core.spi.ArtifactReads;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.store.file.ArtifactStores;
import io.github.influence4j.scorers.gradients.GradientProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes the {@code PROJECTED_GRADS} of a store's factored dense layers (Pruthi et al. 2020,
 * Sec. 3.2; {@link GradientProjection}) into a new store, with the {@code LOGITS} of each
 * checkpoint and the static {@code LABELS}, so that TRAK, projected TracIn and the gradient cosine
 * read one shared projection. The dense layers' loss gradients {@code delta a^T} are projected
 * without forming them.
 */
final class ProjectedStores {
    private static final String DONE = "projected.done";

    private ProjectedStores() {
    }

    static TrainingArtifactStore project(TrainingArtifactStore src, Path dir, List<String> layers, int k, long seed) {
        if (Files.isRegularFile(dir.resolve(DONE))) {
            return ArtifactStores.open(dir);
        }
        if (Files.exists(dir)) {
            ArtifactStores.delete(dir);
        }
        Checkpoint first = src.checkpoints().get(0);
        long width = 0;
        int[][] dims = new int[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            int in = (int) (long) src.artifacts(first.id()).get(ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layers.get(l)))
                    .exampleShape().get(0);
            int out = (int) (long) src.artifacts(first.id())
                    .get(ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layers.get(l))).exampleShape().get(0);
            dims[l] = new int[] {in, out};
            width += GradientProjection.factoredWidth(out, in, true);
        }
        GradientProjection p = GradientProjection.of(GradientProjection.Kind.GAUSSIAN, width, k, seed);
        ExampleRange all = ExampleRange.of(0, src.numExamples());
        try (ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec(src.id() + "-projected", src.numExamples(),
                src.spec().numClasses(), src.spec().chunkSize()))) {
            try (ArtifactChunk labels = src.readStatic(ArtifactKey.of(ArtifactKind.LABELS), all)) {
                w.write(ArtifactKey.of(ArtifactKind.LABELS), 0, labels.values().dup());
            }
            for (Checkpoint c : src.checkpoints()) {
                try (CheckpointWriter cw = w.beginCheckpoint(c)) {
                    for (ExampleRange r : src.chunkRanges(src.spec().chunkSize())) {
                        double[][] phi = new double[r.size()][k];
                        long offset = 0;
                        for (int l = 0; l < layers.size(); l++) {
                            double[][] a = rows(src, c, ArtifactKey.of(ArtifactKind.LAYER_INPUTS, layers.get(l)), r);
                            double[][] d = rows(src, c, ArtifactKey.of(ArtifactKind.LAYER_OUTPUT_GRADS, layers.get(l)), r);
                            p.projectFactored(d, a, true, offset, phi);
                            offset += GradientProjection.factoredWidth(dims[l][1], dims[l][0], true);
                        }
                        cw.write(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), r.from(), Nd4j.createFromArray(phi));
                        try (ArtifactChunk z = src.read(c.id(), ArtifactKey.of(ArtifactKind.LOGITS), r)) {
                            cw.write(ArtifactKey.of(ArtifactKind.LOGITS), r.from(), z.values().dup());
                        }
                    }
                    cw.setAttributes(ArtifactKey.of(ArtifactKind.PROJECTED_GRADS), p.attributes());
                    cw.commit();
                }
            }
        }
        EvaluationFiles.write(dir.resolve(DONE), p.attributes());
        return ArtifactStores.open(dir);
    }

    private static double[][] rows(TrainingArtifactStore s, Checkpoint c, ArtifactKey key, ExampleRange r) {
        try (ArtifactChunk ch = s.read(c.id(), key, r)) {
            double[] flat = ArtifactReads.flatDoubles(ch.values());
            int w = flat.length / r.size();
            double[][] out = new double[r.size()][w];
            for (int i = 0; i < r.size(); i++) {
                System.arraycopy(flat, i * w, out[i], 0, w);
            }
            return out;
        }
    }
}
