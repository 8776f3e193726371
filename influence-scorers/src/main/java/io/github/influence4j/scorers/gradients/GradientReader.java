// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.gradients;

import io.github.influence4j.core.exception.CorruptStoreException;
import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import io.github.influence4j.core.spi.ArtifactReads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the groups of a {@link TracInPlan} for one example range and checkpoint into double
 * blocks. Each chunk read is closed before returning. One reader per range: the static
 * {@code TOKEN_IDS} chunk of the range is read once and reused across checkpoints.
 */
final class GradientReader implements AutoCloseable {
    private static final ArtifactKey TOKEN_IDS = ArtifactKey.of(ArtifactKind.TOKEN_IDS);

    private final TrainingArtifactStore store;
    private final List<GradientGroup> groups;
    private final ExampleRange range;
    private @Nullable ArtifactChunk tokens;
    private int @Nullable [] tokenIds;
    private int[] tokenLengths = new int[0];
    private long[] tokenOffsets = new long[0];
    private @Nullable Map<ArtifactKey, ArtifactInfo> infos;
    private String infosCheckpoint = "";

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
                int in = vectorWidth(checkpointId, f.keys().get(0));
                int outWidth = vectorWidth(checkpointId, f.keys().get(1));
                out.add(new GroupBlock.Factored(range.size(), dense(checkpointId, f.keys().get(0), in), in,
                        dense(checkpointId, f.keys().get(1), outWidth), outWidth, f.bias()));
            } else if (g instanceof GradientGroup.Embedding e) {
                out.add(new GroupBlock.Embedding(embedding(checkpointId, g.keys().get(0), e.topK())));
            } else {
                int width = vectorWidth(checkpointId, g.keys().get(0));
                out.add(new GroupBlock.Dense(range.size(), dense(checkpointId, g.keys().get(0), width), width));
            }
        }
        return out;
    }

    /**
     * @return the per-example width of a dense vector artifact, from the checkpoint's artifact
     *     descriptions (a missing artifact is reported by the store's own read)
     */
    private int vectorWidth(String checkpointId, ArtifactKey key) {
        ArtifactInfo info = infos(checkpointId).get(key);
        if (info == null) {
            store.read(checkpointId, key, range).close(); // throws MissingArtifactException naming what is there
            throw new IllegalStateException(key + " missing at checkpoint '" + checkpointId + "' of store '" + store.id()
                    + "'");
        }
        long[] shape = info.shape();
        if (shape.length != 1 || info.isRagged()) {
            throw new CorruptStoreException(key + " at checkpoint '" + checkpointId + "' of store '"
                    + store.id() + "' must hold a vector per example, has shape " + Arrays.toString(shape)
                    + (info.isRagged() ? " (ragged)" : "") + "; flatten per-example gradients when capturing");
        }
        return Math.toIntExact(shape[0]);
    }

    /**
     * @return the range's per-token gradients: ragged token ids and gradient rows read as float64
     *     without ND4J ({@link TrainingArtifactStore#readRaggedDoubles}), the token ids once per
     *     reader; any other layout through the chunk reads, whose checks say what is wrong
     */
    private EmbeddingGradients embedding(String checkpointId, ArtifactKey key, int topK) {
        ArtifactInfo info = infos(checkpointId).get(key);
        ArtifactInfo tokenInfo = store.staticArtifacts().get(TOKEN_IDS);
        if (info == null || !info.isRagged() || tokenInfo == null || !tokenInfo.isRagged()) {
            ArtifactChunk t = tokens;
            if (t == null) {
                t = store.readStatic(TOKEN_IDS, range);
                tokens = t;
            }
            try (ArtifactChunk c = store.read(checkpointId, key, range)) {
                return EmbeddingGradients.of(t, c, topK);
            }
        }
        long[] shape = info.shape();
        if (shape.length != 1) {
            throw new CorruptStoreException(key + " must have per-position shape [D], has " + Arrays.toString(shape));
        }
        if (tokenIds == null) {
            int[] lengths = new int[range.size()];
            double[] ids = store.readRaggedDoubles("", TOKEN_IDS, range, lengths);
            tokenIds = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                tokenIds[i] = (int) ids[i];
            }
            tokenLengths = lengths;
            tokenOffsets = new long[lengths.length + 1];
            for (int i = 0; i < lengths.length; i++) {
                tokenOffsets[i + 1] = tokenOffsets[i] + lengths[i];
            }
        }
        int[] lengths = new int[range.size()];
        double[] rows = store.readRaggedDoubles(checkpointId, key, range, lengths);
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] != tokenLengths[i]) {
                throw new CorruptStoreException("example " + (range.from() + i) + " has " + tokenLengths[i]
                        + " TOKEN_IDS but " + lengths[i] + " EMBEDDING_GRADS rows (" + key + "); both must list the"
                        + " same real positions. Re-capture the embedding gradients for this store");
            }
        }
        return EmbeddingGradients.of(range.from(), tokenIds, tokenOffsets, rows, Math.toIntExact(shape[0]), topK);
    }

    private Map<ArtifactKey, ArtifactInfo> infos(String checkpointId) {
        if (infos == null || !infosCheckpoint.equals(checkpointId)) {
            infos = store.artifacts(checkpointId);
            infosCheckpoint = checkpointId;
        }
        return infos;
    }

    /** @return the range's rows of a dense artifact as float64, read without ND4J ({@link TrainingArtifactStore#readDoubles}) */
    private double[] dense(String checkpointId, ArtifactKey key, int width) {
        double[] out = new double[Math.multiplyExact(range.size(), width)];
        if (out.length > 0) {
            store.readDoubles(checkpointId, key, range, out);
        }
        return out;
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
