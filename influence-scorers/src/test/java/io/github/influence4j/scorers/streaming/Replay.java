// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.scorers.streaming;

import io.github.influence4j.core.store.ArtifactChunk;
import io.github.influence4j.core.store.ArtifactInfo;
import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.TrainingArtifactStore;
import java.util.Map;

/** Writes a store's content into a writer as a capture listener would: statics, then checkpoint by checkpoint. */
final class Replay {
    private Replay() {
    }

    /** Replays every checkpoint the writer has not committed yet (as a capture listener skips them). */
    static void all(TrainingArtifactStore from, ArtifactWriter to) {
        statics(from, to);
        for (Checkpoint c : from.checkpoints()) {
            checkpoint(from, to, c);
        }
    }

    static void statics(TrainingArtifactStore from, ArtifactWriter to) {
        for (Map.Entry<ArtifactKey, ArtifactInfo> e : from.staticArtifacts().entrySet()) {
            copy(from, to, "", e.getValue());
        }
        to.commit();
    }

    static void checkpoint(TrainingArtifactStore from, ArtifactWriter to, Checkpoint c) {
        if (to.committedCheckpoints().stream().anyMatch(x -> x.id().equals(c.id()))) {
            return;
        }
        try (CheckpointWriter w = to.beginCheckpoint(c)) {
            for (ArtifactInfo info : from.artifacts(c.id()).values()) {
                copy(from, w, c.id(), info);
            }
            w.commit();
        }
    }

    private static void copy(TrainingArtifactStore from, ArtifactSink to, String checkpoint, ArtifactInfo info) {
        ArtifactKey key = info.key();
        ExampleRange all = ExampleRange.of(0, from.numExamples());
        if (!info.attributes().isEmpty()) {
            to.setAttributes(key, info.attributes());
        }
        try (ArtifactChunk chunk = checkpoint.isEmpty() ? from.readStatic(key, all) : from.read(checkpoint, key, all)) {
            if (info.isRagged()) {
                int[] lengths = new int[chunk.size()];
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] = chunk.length(i);
                }
                to.writeRagged(key, 0, chunk.values().dup(), lengths);
            } else {
                to.write(key, 0, chunk.values().dup());
            }
        }
    }
}
