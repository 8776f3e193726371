// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes every artifact to a store and to the streaming scores at once (one capture, both paths).
 * A checkpoint counts as committed when both sides hold it; a side that already holds a checkpoint
 * being captured again ignores it.
 */
final class TeeWriter implements ArtifactWriter {
    private final ArtifactWriter store;
    private final ArtifactWriter streaming;

    TeeWriter(ArtifactWriter store, ArtifactWriter streaming) {
        if (!store.spec().equals(streaming.spec())) {
            throw new IllegalArgumentException("the store's spec " + store.spec() + " differs from the streaming scores' "
                    + streaming.spec());
        }
        this.store = store;
        this.streaming = streaming;
    }

    @Override
    public StoreSpec spec() {
        return store.spec();
    }

    @Override
    public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        store.setAttributes(key, attributes);
        streaming.setAttributes(key, attributes);
    }

    @Override
    public void write(ArtifactKey key, int from, INDArray values) {
        if (!store.isComplete(key, ExampleRange.of(from, from + (int) values.size(0)))) {
            store.write(key, from, values);
        }
        streaming.write(key, from, values);
    }

    @Override
    public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        if (!store.isComplete(key, ExampleRange.of(from, from + lengths.length))) {
            store.writeRagged(key, from, values, lengths);
        }
        streaming.writeRagged(key, from, values, lengths);
    }

    @Override
    public boolean isComplete(ArtifactKey key, ExampleRange range) {
        return store.isComplete(key, range) && streaming.isComplete(key, range);
    }

    @Override
    public List<Checkpoint> committedCheckpoints() {
        List<Checkpoint> both = new ArrayList<>(store.committedCheckpoints());
        List<Checkpoint> other = streaming.committedCheckpoints();
        both.removeIf(c -> other.stream().noneMatch(o -> o.id().equals(c.id())));
        return both;
    }

    @Override
    public CheckpointWriter beginCheckpoint(Checkpoint checkpoint) {
        boolean inStore = store.committedCheckpoints().stream().anyMatch(c -> c.id().equals(checkpoint.id()));
        CheckpointWriter a = inStore ? null : store.beginCheckpoint(checkpoint);
        CheckpointWriter b = streaming.beginCheckpoint(checkpoint);
        return new Both(a, b);
    }

    @Override
    public void commit() {
        store.commit();
        streaming.commit();
    }

    @Override
    public TrainingArtifactStore store() {
        return store.store();
    }

    @Override
    public void close() {
        try {
            streaming.close();
        } finally {
            store.close();
        }
    }

    /** A checkpoint written to both sides (the store's side absent when it holds it already). */
    private static final class Both implements CheckpointWriter {
        private final @org.jspecify.annotations.Nullable CheckpointWriter a;
        private final CheckpointWriter b;

        Both(@org.jspecify.annotations.Nullable CheckpointWriter a, CheckpointWriter b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public StoreSpec spec() {
            return b.spec();
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
            if (a != null) {
                a.setAttributes(key, attributes);
            }
            b.setAttributes(key, attributes);
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
            if (a != null && !a.isComplete(key, ExampleRange.of(from, from + (int) values.size(0)))) {
                a.write(key, from, values);
            }
            b.write(key, from, values);
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
            if (a != null && !a.isComplete(key, ExampleRange.of(from, from + lengths.length))) {
                a.writeRagged(key, from, values, lengths);
            }
            b.writeRagged(key, from, values, lengths);
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            return (a == null || a.isComplete(key, range)) && b.isComplete(key, range);
        }

        @Override
        public Checkpoint checkpoint() {
            return b.checkpoint();
        }

        @Override
        public void commit() {
            if (a != null) {
                a.commit();
            }
            b.commit();
        }

        @Override
        public void close() {
            try {
                b.close();
            } finally {
                if (a != null) {
                    a.close();
                }
            }
        }
    }
}
