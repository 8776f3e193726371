// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactKey;
import io.github.influence4j.core.store.ArtifactKind;
import io.github.influence4j.core.store.ArtifactSink;
import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.ExampleRange;
import io.github.influence4j.core.store.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a child JVM by {@link KillEveryStepTest} with {@link KillPoints#PROPERTY} set: what a
 * command-line run does with its {@code --dir}, optionally deleting the previous store first (as
 * {@code demo} does), then resuming the store if it has a manifest or creating it otherwise, and
 * writing whatever is not committed yet. Exit code 0 means it ran to the end without being killed.
 */
public final class KillStepWriterMain {
    static final int N = 4;
    static final StoreSpec SPEC = new StoreSpec("kill", N, 3, 4);
    static final List<Checkpoint> CHECKPOINTS = List.of(new Checkpoint("c0", 10, 0, 0.1, 7));
    static final ArtifactKey LABELS = ArtifactKey.of(ArtifactKind.LABELS);
    static final ArtifactKey LOGITS = ArtifactKey.of(ArtifactKind.LOGITS);
    static final ArtifactKey WIDE = ArtifactKey.of(ArtifactKind.LAYER_INPUTS, "fc");
    /** With this system property > 0, each checkpoint also holds {@link #WIDE} of that width (large files). */
    static final String WIDTH = "influence4j.test.width";

    private KillStepWriterMain() {
    }

    /**
     * @param args store directory, then {@code capture} or {@code delete-then-capture}
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        if (args[1].equals("delete-then-capture")) {
            ArtifactStores.delete(dir);
        }
        capture(dir);
        System.exit(0);
    }

    /** Resumes the store if it has a manifest, else creates it, and writes what is not committed. */
    static void capture(Path dir) {
        boolean resume = Files.isRegularFile(dir.resolve(StoreFiles.MANIFEST));
        try (ArtifactWriter w = resume ? ArtifactStores.resume(dir) : ArtifactStores.create(dir, SPEC)) {
            if (!w.store().staticArtifacts().containsKey(LABELS)) {
                writeMissing(w, LABELS, -1);
                w.commit();
            }
            for (int c = 0; c < CHECKPOINTS.size(); c++) {
                Checkpoint cp = CHECKPOINTS.get(c);
                if (w.committedCheckpoints().contains(cp)) {
                    continue;
                }
                try (CheckpointWriter cw = w.beginCheckpoint(cp)) {
                    writeMissing(cw, LOGITS, c);
                    int width = Integer.getInteger(WIDTH, 0);
                    if (width > 0 && !cw.isComplete(WIDE, ExampleRange.of(0, N))) {
                        cw.write(WIDE, 0, Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, N, width).addi(c));
                    }
                    cw.commit();
                }
            }
        }
    }

    /** Writes in batches of 2, skipping what the journal holds already. */
    private static void writeMissing(ArtifactSink w, ArtifactKey key, int checkpoint) {
        for (int from = 0; from < N; from += 2) {
            if (w.isComplete(key, ExampleRange.of(from, from + 2))) {
                continue;
            }
            if (checkpoint < 0) {
                w.write(key, from, Nd4j.createFromArray(labels(from, from + 2)));
            } else {
                w.write(key, from, Nd4j.createFromArray(logits(checkpoint, from, from + 2)));
            }
        }
    }

    static int[] labels(int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = i % 3;
        }
        return out;
    }

    static float[][] logits(int checkpoint, int from, int to) {
        float[][] out = new float[to - from][3];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < 3; k++) {
                out[i - from][k] = checkpoint + 0.1f * i + 0.01f * k;
            }
        }
        return out;
    }
}
