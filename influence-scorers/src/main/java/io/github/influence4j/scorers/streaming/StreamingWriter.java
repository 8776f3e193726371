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
import io.github.influence4j.core.store.memory.MemoryStores;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ArtifactWriter} a capture listener writes to when scores are streamed: static
 * artifacts are kept (labels, token ids: O(N)); each checkpoint is written into a fresh memory
 * store, scored by {@link StreamingScores} when it commits, and dropped. Its committed checkpoints
 * are those already scored (restored from a snapshot after a crash), so a capture listener skips
 * them, as it skips a file store's committed checkpoints on resume.
 */
final class StreamingWriter implements ArtifactWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingWriter.class);

    private final StreamingScores owner;
    private final ArtifactWriter statics;
    private boolean closed;

    StreamingWriter(StreamingScores owner, StoreSpec spec) {
        this.owner = owner;
        this.statics = MemoryStores.create(spec);
    }

    @Override
    public StoreSpec spec() {
        return statics.spec();
    }

    @Override
    public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        statics.setAttributes(key, attributes);
    }

    @Override
    public void write(ArtifactKey key, int from, INDArray values) {
        statics.write(key, from, values);
    }

    @Override
    public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        statics.writeRagged(key, from, values, lengths);
    }

    @Override
    public boolean isComplete(ArtifactKey key, ExampleRange range) {
        return statics.isComplete(key, range);
    }

    @Override
    public List<Checkpoint> committedCheckpoints() {
        return owner.checkpoints();
    }

    @Override
    public CheckpointWriter beginCheckpoint(Checkpoint checkpoint) {
        if (closed) {
            throw new IllegalStateException("the streaming writer of '" + spec().storeId() + "' is closed");
        }
        if (owner.checkpoints().stream().anyMatch(c -> c.id().equals(checkpoint.id()))) {
            LOG.debug("checkpoint {} already scored; its artifacts are discarded", checkpoint.id());
            return new Discarding(spec(), checkpoint);
        }
        ArtifactWriter window = MemoryStores.create(spec());
        return new Window(window, window.beginCheckpoint(checkpoint));
    }

    @Override
    public void commit() {
        statics.commit();
    }

    @Override
    public TrainingArtifactStore store() {
        return statics.store();
    }

    @Override
    public void close() {
        closed = true;
        statics.close();
    }

    /** One checkpoint held in memory until it commits, then scored and dropped. */
    private final class Window implements CheckpointWriter {
        private final ArtifactWriter window;
        private final CheckpointWriter writer;

        Window(ArtifactWriter window, CheckpointWriter writer) {
            this.window = window;
            this.writer = writer;
        }

        @Override
        public StoreSpec spec() {
            return writer.spec();
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
            writer.setAttributes(key, attributes);
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
            if (key.kind().isStatic()) {
                statics.write(key, from, values);
            } else {
                writer.write(key, from, values);
            }
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
            if (key.kind().isStatic()) {
                statics.writeRagged(key, from, values, lengths);
            } else {
                writer.writeRagged(key, from, values, lengths);
            }
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            return key.kind().isStatic() ? statics.isComplete(key, range) : writer.isComplete(key, range);
        }

        @Override
        public Checkpoint checkpoint() {
            return writer.checkpoint();
        }

        @Override
        public void commit() {
            writer.commit();
            statics.commit();
            owner.feed(new WindowStore(statics.store(), window.store()), writer.checkpoint());
        }

        @Override
        public void close() {
            try {
                writer.close();
            } finally {
                window.close();
            }
        }
    }

    /** A checkpoint already scored: accepted and ignored. */
    private static final class Discarding implements CheckpointWriter {
        private final StoreSpec spec;
        private final Checkpoint checkpoint;

        Discarding(StoreSpec spec, Checkpoint checkpoint) {
            this.spec = spec;
            this.checkpoint = checkpoint;
        }

        @Override
        public StoreSpec spec() {
            return spec;
        }

        @Override
        public void setAttributes(ArtifactKey key, Map<String, String> attributes) {
        }

        @Override
        public void write(ArtifactKey key, int from, INDArray values) {
        }

        @Override
        public void writeRagged(ArtifactKey key, int from, INDArray values, int[] lengths) {
        }

        @Override
        public boolean isComplete(ArtifactKey key, ExampleRange range) {
            return true;
        }

        @Override
        public Checkpoint checkpoint() {
            return checkpoint;
        }

        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }
    }
}
