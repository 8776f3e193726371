// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.store.file;

import io.github.influence4j.core.store.ArtifactWriter;
import io.github.influence4j.core.store.Checkpoint;
import io.github.influence4j.core.store.CheckpointWriter;
import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.SyntheticArtifacts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link WriterCrashTest}: writes the static artifacts and the first
 * checkpoint of {@link SyntheticArtifacts#generate(int, long)} and commits them, then writes the
 * second checkpoint in batches of 3 into chunks of 4 (so two chunks per artifact become durable and
 * a third is half-buffered), creates the marker file and sleeps until it is killed.
 */
public final class CrashingWriterMain {
    static final int N = 10;
    static final int CHUNK = 4;
    static final long SEED = 99;

    private CrashingWriterMain() {
    }

    /**
     * @param args store directory, marker file, optionally the group-commit size in bytes
     * @throws Exception on failure (the parent then times out waiting for the marker)
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        SyntheticArtifacts data = SyntheticArtifacts.generate(N, SEED);
        WriteOptions options = args.length > 2 ? WriteOptions.defaults().withGroupCommitBytes(Long.parseLong(args[2]))
                : WriteOptions.defaults();
        ArtifactWriter w = ArtifactStores.create(dir, new StoreSpec("crash", N, data.k, CHUNK), options);
        data.data.get("").values().forEach(e -> SyntheticArtifacts.write(w, e, 3, 0, N));
        w.commit();
        Checkpoint first = data.checkpoints.get(0);
        try (CheckpointWriter c = w.beginCheckpoint(first)) {
            data.writeCheckpoint(c, first.id(), 3, 0, N);
            c.commit();
        }
        CheckpointWriter second = w.beginCheckpoint(data.checkpoints.get(1));
        data.writeCheckpoint(second, data.checkpoints.get(1).id(), 3, 0, N - 1); // [8, 9) stays in memory
        Files.writeString(marker, "mid-checkpoint");
        Thread.sleep(600_000); // killed here, holding the writer open
    }
}
