// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.spi;

import io.github.influence4j.core.exception.IncompatibleStoreException;
import io.github.influence4j.core.exception.MissingArtifactException;
import io.github.influence4j.core.exception.NumericalException;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What one scoring pass shares between its chunks and its scores: each dense artifact of the
 * current checkpoint is read once (for every score of the pass) into a reused {@code double[]},
 * through {@link TrainingArtifactStore#readDoubles}, and the artifact descriptions are looked up
 * once per checkpoint. Used by one thread.
 */
final class PassReads {
    private static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);

    /** A dense read of the current checkpoint step. */
    private record Key(String checkpoint, ArtifactKey key) {
    }

    private final TrainingArtifactStore store;
    private final String scorer;
    private final boolean reuse;
    private final Map<String, Map<ArtifactKey, ArtifactInfo>> infos = new HashMap<>();
    private final Map<Key, double[]> current = new HashMap<>();
    private final Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
    private double[] labelBuffer = new double[0];

    /**
     * @param store the store
     * @param scorer the pass's name, for messages
     * @param reuse whether arrays may be shared between scores and reused across checkpoints
     *     ({@link ChunkScore#chunkSizeFor}); if not, every read returns a fresh array
     */
    PassReads(TrainingArtifactStore store, String scorer, boolean reuse) {
        this.store = store;
        this.scorer = scorer;
        this.reuse = reuse;
    }

    /** Starts a new checkpoint step (or a new chunk): the arrays handed out so far may be reused. */
    void step() {
        if (!reuse) {
            return;
        }
        for (double[] a : current.values()) {
            free.computeIfAbsent(a.length, n -> new ArrayDeque<>()).push(a);
        }
        current.clear();
    }

    double[] dense(Checkpoint checkpoint, ArtifactKey key, ExampleRange range, long width) {
        Key k = new Key(checkpoint.id(), key);
        if (reuse) {
            double[] hit = current.get(k);
            if (hit != null) {
                return hit;
            }
        }
        ArtifactInfo info = info(checkpoint, key, range);
        long per = info.elementsPerRow();
        if (width >= 0 && per != width) {
            throw new IncompatibleStoreException(scorer + ": " + key + " at checkpoint '" + checkpoint.id()
                    + "' of store '" + store.id() + "' has per-example shape " + info.exampleShape()
                    + "; expected [" + width + "]" + (key.kind() == ArtifactKind.LOGITS
                    || key.kind() == ArtifactKind.NULL_LOGITS ? " (K = " + store.numClasses() + " classes)" : "")
                    + ". Re-capture it with the model's output width, or fix the store's numClasses.");
        }
        if (info.isRagged()) {
            throw new IllegalArgumentException(scorer + ": " + key + " is ragged; read it with ChunkReads.ragged");
        }
        int n = Math.toIntExact(range.size() * per);
        double[] out = take(n);
        try {
            store.readDoubles(checkpoint.id(), key, range, out);
        } catch (NumericalException e) {
            throw new NumericalException(scorer + ": " + e.getMessage(), e);
        }
        if (reuse) {
            current.put(k, out);
        }
        return out;
    }

    private double[] take(int n) {
        if (reuse) {
            ArrayDeque<double[]> q = free.get(n);
            if (q != null && !q.isEmpty()) {
                return q.pop();
            }
        }
        return new double[n];
    }

    private ArtifactInfo info(Checkpoint checkpoint, ArtifactKey key, ExampleRange range) {
        Map<ArtifactKey, ArtifactInfo> m = infos.computeIfAbsent(checkpoint.id(), store::artifacts);
        ArtifactInfo info = m.get(key);
        if (info == null) { // the store's own read says what is missing
            ArtifactReads.dense(store, scorer, checkpoint, key, range, -1);
            throw new MissingArtifactException(scorer + " needs " + key + " at checkpoint '" + checkpoint.id()
                    + "' of store '" + store.id() + "', which holds " + m.keySet() + ". Capture it there.");
        }
        return info;
    }

    /**
     * @param range examples
     * @return their gold labels, each checked to be in {@code [0, K)}
     */
    int[] labels(ExampleRange range) {
        ArtifactReads.requireLabels(store, scorer);
        if (labelBuffer.length < range.size()) {
            labelBuffer = new double[range.size()];
        }
        store.readDoubles("", LABELS, range, labelBuffer);
        int k = store.numClasses();
        int[] out = new int[range.size()];
        for (int i = 0; i < out.length; i++) {
            double y = labelBuffer[i];
            if (!(y >= 0 && y < k)) {
                throw new IncompatibleStoreException(scorer + ": LABELS of example " + (range.from() + i) + " in store '"
                        + store.id() + "' is " + (long) y + "; expected a class index in [0, " + k + ") (K = " + k
                        + " from the store's spec). Fix the labels, or create the store with numClasses > " + (long) y);
            }
            out[i] = (int) y;
        }
        return out;
    }
}
