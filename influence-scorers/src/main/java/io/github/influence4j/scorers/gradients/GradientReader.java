// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.spi.ArtifactReads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the groups of a {@link TracInPlan} for one example range and checkpoint into double
 * blocks. Each chunk read is closed before returning. One reader per range: the static
 * {@code TOKEN_IDS} chunk of the range is read once and reused across checkpoints.
 */
final class GradientReader implements AutoCloseable {
    private final TrainingArtifactStore store;
    private final List<GradientGroup> groups;
    private final ExampleRange range;
    private @Nullable ArtifactChunk tokens;

    GradientReader(TrainingArtifactStore store, List<GradientGroup> groups, ExampleRange range) {
        this.store = store;
        this.groups = groups;
        this.range = range;
    }

    /**
     * @param checkpointId the checkpoint
     * @return one block per group, in plan order
     */
    List<GroupBlock> read(String checkpointId) {
        List<GroupBlock> out = new ArrayList<>(groups.size());
        for (GradientGroup g : groups) {
            if (g instanceof GradientGroup.Factored f) {
                double[][] ad = new double[2][];
                int[] widths = new int[2];
                for (int k = 0; k < 2; k++) {
                    try (ArtifactChunk c = store.read(checkpointId, f.keys().get(k), range)) {
                        widths[k] = vectorWidth(c, checkpointId);
                        ad[k] = doubles(c.values());
                    }
                }
                out.add(new GroupBlock.Factored(range.size(), ad[0], widths[0], ad[1], widths[1], f.bias()));
            } else if (g instanceof GradientGroup.Embedding e) {
                ArtifactChunk t = tokens;
                if (t == null) {
                    t = store.readStatic(ArtifactKey.of(ArtifactKind.TOKEN_IDS), range);
                    tokens = t;
                }
                try (ArtifactChunk c = store.read(checkpointId, g.keys().get(0), range)) {
                    out.add(new GroupBlock.Embedding(EmbeddingGradients.of(t, c, e.topK())));
                }
            } else {
                try (ArtifactChunk c = store.read(checkpointId, g.keys().get(0), range)) {
                    out.add(new GroupBlock.Dense(range.size(), doubles(c.values()), vectorWidth(c, checkpointId)));
                }
            }
        }
        return out;
    }

    private int vectorWidth(ArtifactChunk c, String checkpointId) {
        long[] shape = c.info().shape();
        if (shape.length != 1) {
            throw new CorruptStoreException(c.info().key() + " at checkpoint '" + checkpointId + "' of store '"
                    + store.id() + "' must hold a vector per example, has shape " + Arrays.toString(shape)
                    + "; flatten per-example gradients when capturing");
        }
        return (int) shape[0];
    }

    /** @return the elements in C order as float64, leaving no ND4J intermediates behind ({@link ArtifactReads#flatDoubles}) */
    static double[] doubles(INDArray a) {
        if (a.isEmpty() || a.length() == 0) {
            return new double[0];
        }
        return ArtifactReads.flatDoubles(a);
    }

    @Override
    public void close() {
        if (tokens != null) {
            tokens.close();
            tokens = null;
        }
    }
}
